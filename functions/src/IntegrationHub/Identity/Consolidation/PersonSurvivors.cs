namespace IntegrationHub.Identity.Consolidation;

internal static class PersonSurvivors
{
    /// <summary>For each person, the person it now is (itself unless merged away, else the end of its merge chain).</summary>
    public static async Task<Dictionary<long, long>> OfAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long[] persons,
        CancellationToken cancellationToken)
    {
        var survivors = new Dictionary<long, long>();
        await using var command = new NpgsqlCommand("""
            WITH RECURSIVE chain AS (
                SELECT person_id AS original, person_id, merged_into FROM person WHERE person_id = ANY(@ids)
                UNION ALL
                SELECT c.original, p.person_id, p.merged_into FROM chain c JOIN person p ON p.person_id = c.merged_into
            )
            SELECT original, person_id FROM chain WHERE merged_into IS NULL
            """, connection, transaction);
        command.Parameters.AddWithValue("ids", persons);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            survivors[reader.GetInt64(0)] = reader.GetInt64(1);
        }

        return survivors;
    }
}
