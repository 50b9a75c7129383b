using Npgsql;

namespace IntegrationHub.Identity;

internal static class PersonBlocks
{
    public static async Task AddAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<(byte[] Key, long Person)> blocks,
        CancellationToken cancellationToken)
    {
        if (blocks.Count == 0)
        {
            return;
        }

        // Sorted, so two linkers adding overlapping keys take the same order and never deadlock.
        blocks.Sort((a, b) => a.Key.AsSpan().SequenceCompareTo(b.Key) is var c and not 0 ? c : a.Person.CompareTo(b.Person));
        await using var command = new NpgsqlCommand("""
            INSERT INTO person_block (key, person_id)
            SELECT u.key, u.person_id FROM unnest(@keys, @persons) WITH ORDINALITY AS u(key, person_id, n) ORDER BY u.n
            ON CONFLICT DO NOTHING
            """, connection, transaction);
        command.Parameters.AddWithValue("keys", blocks.Select(b => b.Key).ToArray());
        command.Parameters.AddWithValue("persons", blocks.Select(b => b.Person).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
