using IntegrationHub.Labor.Evidence;

namespace IntegrationHub.Labor.Lookup;

/// <summary>Reads a person's stored labor facts and household in the caller's transaction (no recomputation, no audit).</summary>
public static class LaborFactReader
{
    public static async Task<PersonLaborFacts> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, long person,
        CancellationToken cancellationToken)
    {
        var facts = new Dictionary<string, List<LaborFactView>>(StringComparer.Ordinal)
        {
            ["employment"] = [], ["unemployment"] = [], ["difficulty"] = [], ["graduate"] = [],
        };
        await using (var command = new NpgsqlCommand("""
            SELECT kind, fact_key, open, data::text, sources::text, updated_at FROM labor_fact
            WHERE person_id = @p ORDER BY kind, data ->> 'from', data ->> 'registeredOn', data ->> 'since', data ->> 'graduationDate', fact_key
            """, connection, transaction))
        {
            command.Parameters.AddWithValue("p", person);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (facts.TryGetValue(reader.GetString(0), out var kind))
                {
                    kind.Add(new LaborFactView(reader.GetString(1), reader.GetBoolean(2), JsonNode.Parse(reader.GetString(3))!.AsObject(),
                        SourceRef.ListFromJson(JsonNode.Parse(reader.GetString(4))), reader.GetFieldValue<DateTimeOffset>(5)));
                }
            }
        }

        return new PersonLaborFacts(facts["employment"], facts["unemployment"], facts["difficulty"], facts["graduate"],
            await HouseholdAsync(connection, transaction, person, cancellationToken));
    }

    private static async Task<HouseholdView?> HouseholdAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, long person,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT lp.household_number, coalesce(h.zero_employment, false), coalesce(cardinality(h.members), 0),
                   coalesce(h.working_age_members, 0), h.as_of
            FROM labor_person lp LEFT JOIN labor_household h USING (household_number)
            WHERE lp.person_id = @p AND lp.household_number IS NOT NULL
            """, connection, transaction);
        command.Parameters.AddWithValue("p", person);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new HouseholdView(reader.GetString(0), reader.GetBoolean(1), reader.GetInt32(2), reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateOnly>(4).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            : null;
    }
}
