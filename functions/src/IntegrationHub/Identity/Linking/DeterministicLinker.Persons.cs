using IntegrationHub.Intake.Published;

namespace IntegrationHub.Identity.Linking;

/// <summary>The persons a chunk's valid numbers mean: locked in a fixed order, created for numbers nobody holds yet.</summary>
public sealed partial class DeterministicLinker
{
    /// <summary>
    /// Locks and reads the person each valid number means now, creating a person for every number nobody holds yet. Known
    /// numbers take one round trip; numbers never seen go through adoption and creation, then are locked the same way.
    /// </summary>
    private async Task<Dictionary<string, (long Id, JsonObject Golden)>> PersonsForAsync(NpgsqlConnection connection,
        NpgsqlTransaction transaction, IReadOnlyList<StoredRecord> candidates, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var numbers = candidates.Where(c => c.IdNumberValid && c.IdNumberIndex is not null)
            .GroupBy(c => Convert.ToHexString(c.IdNumberIndex!)).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.First()).ToList();
        var persons = new Dictionary<string, (long, JsonObject)>(StringComparer.Ordinal);
        if (numbers.Count == 0)
        {
            return persons;
        }

        await using (var known = new NpgsqlBatch(connection, transaction))
        {
            known.BatchCommands.Add(LockPersonsCommand(numbers));
            await ReadPersonsAsync(known, persons, cancellationToken);
        }

        var fresh = numbers.Where(n => !persons.ContainsKey(Convert.ToHexString(n.IdNumberIndex!))).ToList();
        if (fresh.Count == 0)
        {
            return persons;
        }

        await adoption.AdoptAsync(connection, transaction, fresh, now, cancellationToken);
        await using (var created = new NpgsqlBatch(connection, transaction))
        {
            // Created in number order, so that two linkers creating the same numbers never wait on each other in a cycle.
            var create = new NpgsqlBatchCommand("""
                INSERT INTO person (id_number_index, id_number_cipher, created_at, updated_at)
                SELECT u.idx, u.cipher, @now, @now FROM unnest(@idx, @cipher) WITH ORDINALITY AS u(idx, cipher, n) ORDER BY u.n
                ON CONFLICT (id_number_index) WHERE id_number_index IS NOT NULL DO NOTHING
                """);
            create.Parameters.AddWithValue("now", now);
            create.Parameters.AddWithValue("idx", fresh.Select(n => n.IdNumberIndex!).ToArray());
            create.Parameters.AddWithValue("cipher", fresh.Select(n => n.IdNumberCipher!).ToArray());
            created.BatchCommands.Add(create);
            created.BatchCommands.Add(LockPersonsCommand(fresh));
            await ReadPersonsAsync(created, persons, cancellationToken);
        }

        return persons;
    }

    /// <summary>
    /// Whom each number means now (a number may belong to a person merged into another since: the survivor is who it
    /// means), those persons locked in id order so that concurrent linkers never wait on each other in a cycle. The lock
    /// is no stronger than linking needs (no key is updated): labor workers' key-share locks do not hold a link up. A person
    /// merged away while we waited for its lock drops out, and the caller follows the number again.
    /// </summary>
    private static NpgsqlBatchCommand LockPersonsCommand(IReadOnlyList<StoredRecord> numbers)
    {
        var command = new NpgsqlBatchCommand("""
            WITH RECURSIVE chain AS (
                SELECT id_number_index AS idx, person_id, merged_into FROM person WHERE id_number_index = ANY(@idx)
                UNION ALL
                SELECT c.idx, p.person_id, p.merged_into FROM chain c JOIN person p ON p.person_id = c.merged_into
            )
            SELECT c.idx, p.person_id, p.golden::text FROM chain c JOIN person p ON p.person_id = c.person_id
            WHERE c.merged_into IS NULL AND p.merged_into IS NULL
            ORDER BY p.person_id
            FOR NO KEY UPDATE OF p
            """);
        command.Parameters.AddWithValue("idx", numbers.Select(n => n.IdNumberIndex!).ToArray());
        return command;
    }

    private static async Task ReadPersonsAsync(NpgsqlBatch batch, Dictionary<string, (long, JsonObject)> persons,
        CancellationToken cancellationToken)
    {
        // Two numbers may mean one person: both get the same golden object, so the fold sees every record of the chunk.
        var goldens = persons.Values.ToDictionary(p => p.Item1, p => p.Item2);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var person = reader.GetInt64(1);
            if (!goldens.TryGetValue(person, out var golden))
            {
                goldens[person] = golden = JsonNode.Parse(reader.GetString(2))!.AsObject();
            }

            persons[Convert.ToHexString((byte[])reader[0])] = (person, golden);
        }
    }
}
