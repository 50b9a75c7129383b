namespace IntegrationHub.Labor.Employment;

/// <summary>One employment spell at an employer as labor keeps it: the person, the form, the first and last month
/// (<see cref="Last"/> null while open) and what ended it (<c>registration</c>: HR registered the end;
/// <c>evidence-stopped</c>: the evidence went stale).</summary>
public sealed record EmployerSpell(long PersonId, string EmployerCreditCode, string EmploymentForm, Month From, Month? Last, string? EndedBy);

/// <summary>The employment spells of given employers, for the flows that monitor employers (read-only).</summary>
public static class EmployerSpells
{
    public static async Task<List<EmployerSpell>> OfAsync(NpgsqlDataSource dataSource, IReadOnlyCollection<string> employers,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT person_id, data ->> 'employerCreditCode', coalesce(data ->> 'employmentForm', 'unknown'), data ->> 'from', data ->> 'to',
                   detail ->> 'endedBy'
            FROM labor_fact WHERE kind = 'employment' AND data ->> 'employerCreditCode' = ANY(@e)
            """);
        command.Parameters.AddWithValue("e", employers.ToArray());
        var spells = new List<EmployerSpell>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (Month.Parse(reader.GetString(3)) is { } from)
            {
                spells.Add(new EmployerSpell(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), from,
                    reader.IsDBNull(4) ? null : Month.Parse(reader.GetString(4)), reader.IsDBNull(5) ? null : reader.GetString(5)));
            }
        }

        return spells;
    }

    /// <summary>The names the employer's spells' source records gave it, the most recently received first (an employer may
    /// appear under several: a renamed company, a department's typo).</summary>
    public static async Task<List<string>> NamesAsync(NpgsqlDataSource dataSource, string employer, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT s.payload ->> 'employerName' AS name, max(s.received_at) AS latest
            FROM labor_fact f
            CROSS JOIN LATERAL jsonb_array_elements(f.sources) src
            JOIN stored_record s ON s.department = src ->> 'department' AND s.feed = src ->> 'feed' AND s.record_id = src ->> 'recordId'
                                AND s.version = (src ->> 'version')::int
            WHERE f.kind = 'employment' AND f.data ->> 'employerCreditCode' = @e AND s.payload ->> 'employerName' IS NOT NULL
            GROUP BY 1 ORDER BY 2 DESC, 1
            """);
        command.Parameters.AddWithValue("e", employer);
        return await command.ReadRowsAsync(reader => reader.GetString(0), cancellationToken);
    }
}
