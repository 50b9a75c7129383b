namespace IntegrationHub.Identity;

internal static class PersonBlocks
{
    /// <summary>
    /// Adds blocking keys to persons. When a key is new to its person and another person already holds it, whichever of
    /// the two has no number is queued for a second look (<see cref="Consolidation.PersonConsolidation"/>): records that
    /// arrived later may now show that a person made from number-less records is someone already known.
    /// </summary>
    public static async Task AddAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<(byte[] Key, long Person)> blocks,
        CancellationToken cancellationToken)
    {
        if (Command(blocks) is { } command)
        {
            await using var batch = new NpgsqlBatch(connection, transaction) { BatchCommands = { command } };
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>The same as a command, for a caller that sends it with others in one round trip; null when there are no keys.</summary>
    public static NpgsqlBatchCommand? Command(List<(byte[] Key, long Person)> blocks)
    {
        if (blocks.Count == 0)
        {
            return null;
        }

        // Sorted, so two linkers adding overlapping keys take the same order and never deadlock.
        blocks.Sort((a, b) => a.Key.AsSpan().SequenceCompareTo(b.Key) is var c and not 0 ? c : a.Person.CompareTo(b.Person));
        var command = new NpgsqlBatchCommand("""
            WITH added AS (
                INSERT INTO person_block (key, person_id)
                SELECT u.key, u.person_id FROM unnest(@keys, @persons) WITH ORDINALITY AS u(key, person_id, n) ORDER BY u.n
                ON CONFLICT DO NOTHING
                RETURNING key, person_id
            )
            INSERT INTO person_recheck (person_id)
            SELECT DISTINCT x.person_id FROM added a
            JOIN person_block b ON b.key = a.key AND b.person_id <> a.person_id
            CROSS JOIN LATERAL (VALUES (a.person_id), (b.person_id)) AS x(person_id)
            JOIN person p ON p.person_id = x.person_id AND p.id_number_index IS NULL AND p.merged_into IS NULL
            ORDER BY x.person_id
            ON CONFLICT DO NOTHING
            """);
        command.Parameters.AddWithValue("keys", blocks.Select(b => b.Key).ToArray());
        command.Parameters.AddWithValue("persons", blocks.Select(b => b.Person).ToArray());
        return command;
    }

    /// <summary>Runs a query whose first column is a blocking key and groups what <paramref name="read"/> makes of each row by
    /// the key (in hex).</summary>
    public static async Task<Dictionary<string, List<T>>> ByKeyAsync<T>(NpgsqlCommand command, Func<NpgsqlDataReader, T> read,
        CancellationToken cancellationToken)
    {
        var groups = new Dictionary<string, List<T>>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = Convert.ToHexString((byte[])reader[0]);
            if (!groups.TryGetValue(key, out var list))
            {
                groups[key] = list = [];
            }

            list.Add(read(reader));
        }

        return groups;
    }
}
