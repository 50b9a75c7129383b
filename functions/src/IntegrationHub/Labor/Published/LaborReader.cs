using IntegrationHub.Labor.Evidence;
using IntegrationHub.Labor.Households;

namespace IntegrationHub.Labor.Published;

/// <summary>
/// Labor's read face for the flows: the stored facts of persons, who employs whom, and the persons and employers there
/// are, read in the caller's transaction. It reads what the labor worker last wrote; it computes nothing anew.
/// </summary>
public sealed class LaborReader(IOptions<LaborOptions> options)
{
    /// <summary>The persons' views as of <paramref name="today"/> (working age depends on the day); persons that do not
    /// exist are left out.</summary>
    public async Task<Dictionary<long, PersonLaborView>> PersonsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyCollection<long> persons, DateOnly today, CancellationToken cancellationToken)
    {
        var ids = persons.Distinct().ToArray();
        var facts = ids.ToDictionary(p => p, _ => new List<LaborFactView>());
        await using (var command = new NpgsqlCommand("""
            SELECT person_id, kind, fact_key, open, data::text, sources::text FROM labor_fact
            WHERE person_id = ANY(@ids) ORDER BY person_id, kind, fact_key
            """, connection, transaction))
        {
            command.Parameters.AddWithValue("ids", ids);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                facts[reader.GetInt64(0)].Add(new LaborFactView(reader.GetString(1), reader.GetString(2), reader.GetBoolean(3),
                    JsonNode.Parse(reader.GetString(4))!.AsObject(), SourceRef.ListFromJson(JsonNode.Parse(reader.GetString(5)))));
            }
        }

        var views = new Dictionary<long, PersonLaborView>();
        await using (var command = new NpgsqlCommand("""
            SELECT p.person_id, p.merged_into, lp.birth_date, lp.gender, lp.working_age_hint, lp.household_number,
                   p.golden -> 'hukouRegion' ->> 'value', (p.golden -> 'hukouRegion' -> 'source')::text,
                   coalesce(h.zero_employment, false), coalesce(h.sources, '[]'::jsonb)::text
            FROM person p
            LEFT JOIN labor_person lp ON lp.person_id = p.person_id
            LEFT JOIN labor_household h ON h.household_number = lp.household_number
            WHERE p.person_id = ANY(@ids)
            """, connection, transaction))
        {
            command.Parameters.AddWithValue("ids", ids);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetInt64(0);
                var birth = reader.IsDBNull(2) ? (DateOnly?)null : reader.GetFieldValue<DateOnly>(2);
                var gender = reader.IsDBNull(3) ? null : reader.GetString(3);
                var hint = reader.IsDBNull(4) ? (bool?)null : reader.GetBoolean(4);
                var household = reader.IsDBNull(5) ? null : reader.GetString(5);
                var member = new MemberStatus(id, household, birth, gender, hint, false, false, []);
                bool? workingAge = birth is null && hint is null ? null : WorkingAge.Is(member, today, options.Value);
                var zero = reader.GetBoolean(8);
                views[id] = new PersonLaborView(id, reader.IsDBNull(1) ? null : reader.GetInt64(1), birth, gender, workingAge,
                    reader.IsDBNull(6) ? null : reader.GetString(6),
                    reader.IsDBNull(7) ? null : SourceRef.FromJson(JsonNode.Parse(reader.GetString(7))!),
                    household, zero, zero ? SourceRef.ListFromJson(JsonNode.Parse(reader.GetString(9))) : [], facts[id]);
            }
        }

        return views;
    }

    /// <summary>The persons with an employment spell (open or closed) at each employer, by credit code.</summary>
    public static async Task<Dictionary<string, List<long>>> EmployeesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyCollection<string> creditCodes, CancellationToken cancellationToken)
    {
        var employees = creditCodes.Distinct(StringComparer.Ordinal).ToDictionary(c => c, _ => new List<long>(), StringComparer.Ordinal);
        await using var command = new NpgsqlCommand("""
            SELECT DISTINCT data ->> 'employerCreditCode', person_id FROM labor_fact
            WHERE kind = 'employment' AND data ->> 'employerCreditCode' = ANY(@codes) ORDER BY 1, 2
            """, connection, transaction);
        command.Parameters.AddWithValue("codes", employees.Keys.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            employees[reader.GetString(0)].Add(reader.GetInt64(1));
        }

        return employees;
    }

    /// <summary>Up to <paramref name="limit"/> persons not merged into another, with ids above <paramref name="after"/>, in
    /// order.</summary>
    public static async Task<List<long>> PersonsAfterAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, long after,
        int limit,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT person_id FROM person WHERE person_id > @after AND merged_into IS NULL ORDER BY person_id LIMIT @n",
            connection, transaction);
        command.Parameters.AddWithValue("after", after);
        command.Parameters.AddWithValue("n", limit);
        return await command.ReadRowsAsync(reader => reader.GetInt64(0), cancellationToken);
    }

    /// <summary>Up to <paramref name="limit"/> employers (credit codes in employment facts) after <paramref name="after"/>, in
    /// order.</summary>
    public static async Task<List<string>> EmployersAfterAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string after,
        int limit, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT DISTINCT data ->> 'employerCreditCode' AS code FROM labor_fact
            WHERE kind = 'employment' AND data ->> 'employerCreditCode' > @after ORDER BY code LIMIT @n
            """, connection, transaction);
        command.Parameters.AddWithValue("after", after);
        command.Parameters.AddWithValue("n", limit);
        return await command.ReadRowsAsync(reader => reader.GetString(0), cancellationToken);
    }
}
