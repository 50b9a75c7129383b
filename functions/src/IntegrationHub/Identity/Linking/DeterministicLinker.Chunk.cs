using IntegrationHub.Intake.Published;

namespace IntegrationHub.Identity.Linking;

/// <summary>The chunk path: a chunk's records decided one by one in memory, their writes sent in one or two round trips.</summary>
public sealed partial class DeterministicLinker
{
    /// <summary>
    /// The chunk path: the persons of the candidates' numbers in one round trip (two more for numbers never seen), every
    /// write with the cursor, the person events and the audit entry in one more (two more when a correction moved a record).
    /// </summary>
    private async Task<LinkOutcome> LinkChunkAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ClaimedBatch batch, int to,
        IReadOnlyList<StoredRecord> candidates, string path, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var persons = await PersonsForAsync(connection, transaction, candidates, now, cancellationToken);
        var links = new List<(StoredRecord Record, long Person)>();
        var review = new List<(StoredRecord Record, long Person)>();
        var deferred = new List<(StoredRecord Record, string Reason)>();
        var touched = new HashSet<long>();
        var blocks = new List<(byte[] Key, long Person)>();
        foreach (var record in candidates)
        {
            if (NamesNoPerson(record))
            {
                continue;
            }

            if (!record.IdNumberValid || record.IdNumberIndex is null)
            {
                deferred.Add((record, DeferralReason(record)));
                continue;
            }

            var (personId, golden) = persons[Convert.ToHexString(record.IdNumberIndex)];
            if (!Agrees(golden, record))
            {
                review.Add((record, personId));
                continue;
            }

            links.Add((record, personId));
            foreach (var key in features.BlockKeys(features.Extract(record).Features))
            {
                blocks.Add((key, personId));
            }

            if (Survivorship.Apply(golden, record))
            {
                touched.Add(personId);
            }
        }

        var outcome = new LinkOutcome(to - batch.LinkedThrough, links.Count, review.Count, deferred.Count);
        var corrections = links.Where(l => l.Record.Version > 1).ToList();
        await using (var writes = new NpgsqlBatch(connection, transaction))
        {
            foreach (var command in new[]
            {
                LinksCommand(links, now),
                PersonBlocks.Command(blocks),
                ReviewCommand(review, now),
                DeferredCommand(deferred, now),
                GoldenCommand(persons.Values.Where(p => touched.Contains(p.Id)).DistinctBy(p => p.Id).ToList(), now),
            })
            {
                if (command is not null)
                {
                    writes.BatchCommands.Add(command);
                }
            }

            // Without corrections every write of the chunk and its finish go in one round trip.
            if (corrections.Count == 0)
            {
                AddFinish(writes, batch, to, outcome, path);
            }

            await writes.ExecuteNonQueryAsync(cancellationToken);
        }

        if (corrections.Count > 0)
        {
            // After the golden saves: the person a record left is rebuilt from its remaining records, whatever the fold above held.
            await RebuildLeftPersonsAsync(connection, transaction, corrections, now, cancellationToken);
            await using var finish = new NpgsqlBatch(connection, transaction);
            AddFinish(finish, batch, to, outcome, path);
            await finish.ExecuteNonQueryAsync(cancellationToken);
        }

        return outcome;
    }

    /// <summary>A record with neither an identity number nor a name (HR's monitored enterprises) is about no person: it is
    /// stored, but neither linked nor matched, or the matcher would make a person of it.</summary>
    internal static bool NamesNoPerson(StoredRecord record) => record.IdNumberIndex is null && record.Payload["name"] is null;

    internal static string DeferralReason(StoredRecord record) => record.IdNumberIndex is null ? "no-id-number" : "invalid-id-number";

    /// <summary>A person's own number vouches for the record unless both name and birth date say it is someone else.</summary>
    internal static bool Agrees(JsonObject golden, StoredRecord record)
    {
        var name = Survivorship.Value(golden, "name");
        var birthDate = Survivorship.Value(golden, "birthDate");
        var recordName = record.Payload["name"]?.GetValue<string>();
        var recordBirth = record.Payload["birthDate"]?.GetValue<string>();
        var nameDisagrees = name is not null && recordName is not null && name != recordName;
        var birthDisagrees = birthDate is not null && recordBirth is not null && birthDate != recordBirth;
        return !(nameDisagrees && birthDisagrees);
    }

    private static NpgsqlBatchCommand? LinksCommand(List<(StoredRecord Record, long Person)> links, DateTimeOffset now) =>
        PersonPairsCommand("person_link (department, feed, record_id, version, person_id, rule, score, linked_at)", LinkRule.IdNumber.Word,
            1.0, links, now);

    private static NpgsqlBatchCommand? ReviewCommand(List<(StoredRecord Record, long Person)> review, DateTimeOffset now) =>
        PersonPairsCommand("review_item (department, feed, record_id, version, person_id, reason, score, created_at)",
            ReviewReasons.NumberButNameAndBirthDateDisagree, 0.5, review, now);

    /// <summary>Pairs each record with its person, as a link or as a doubt for review: the two tables (named with their columns
    /// in <paramref name="into"/>) differ only in what the why and the when are called.</summary>
    private static NpgsqlBatchCommand? PersonPairsCommand(string into, string why, double score,
        List<(StoredRecord Record, long Person)> pairs, DateTimeOffset now)
    {
        var command = PerRecordCommand($"""
            INSERT INTO {into}
            SELECT @d, @feed, u.record_id, u.version, u.value, @why, @score, @now
            FROM unnest(@ids, @versions, @values) AS u(record_id, version, value)
            ON CONFLICT DO NOTHING
            """, pairs, now);
        command?.Parameters.AddWithValue("why", why);
        command?.Parameters.AddWithValue("score", score);
        return command;
    }

    /// <summary>A correction that moved a record to another person takes its attributes out of the person it left.</summary>
    private static async Task RebuildLeftPersonsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        List<(StoredRecord Record, long Person)> corrections, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var left = new List<long>();
        await using (var command = new NpgsqlCommand("""
            SELECT DISTINCT previous.person_id
            FROM unnest(@ids, @versions, @persons) AS u(record_id, version, person_id)
            CROSS JOIN LATERAL (
                SELECT person_id FROM person_link p
                WHERE p.department = @d AND p.feed = @f AND p.record_id = u.record_id AND p.version < u.version
                ORDER BY p.version DESC LIMIT 1) previous
            WHERE previous.person_id <> u.person_id
            """, connection, transaction))
        {
            command.Parameters.AddWithValue("d", corrections[0].Record.Department);
            command.Parameters.AddWithValue("f", corrections[0].Record.Feed);
            command.Parameters.AddWithValue("ids", corrections.Select(c => c.Record.RecordId).ToArray());
            command.Parameters.AddWithValue("versions", corrections.Select(c => c.Record.Version).ToArray());
            command.Parameters.AddWithValue("persons", corrections.Select(c => c.Person).ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                left.Add(reader.GetInt64(0));
            }
        }

        await GoldenRecords.RecomputeAsync(connection, transaction, left, now, cancellationToken);
    }

    private static NpgsqlBatchCommand? DeferredCommand(List<(StoredRecord Record, string Reason)> deferred, DateTimeOffset now) =>
        PerRecordCommand("""
            INSERT INTO link_deferred (department, feed, record_id, version, reason, deferred_at)
            SELECT @d, @feed, u.record_id, u.version, u.value, @now FROM unnest(@ids, @versions, @values) AS u(record_id, version, value)
            ON CONFLICT DO NOTHING
            """, deferred, now);

    /// <summary>One row per record of the chunk (all of one department and feed), with one value of its own; null for no rows.</summary>
    private static NpgsqlBatchCommand? PerRecordCommand<T>(string sql, List<(StoredRecord Record, T Value)> rows, DateTimeOffset now)
    {
        if (rows.Count == 0)
        {
            return null;
        }

        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddWithValue("d", rows[0].Record.Department);
        command.Parameters.AddWithValue("feed", rows[0].Record.Feed);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("ids", rows.Select(r => r.Record.RecordId).ToArray());
        command.Parameters.AddWithValue("versions", rows.Select(r => r.Record.Version).ToArray());
        command.Parameters.AddWithValue("values", rows.Select(r => r.Value).ToArray());
        return command;
    }

    private static NpgsqlBatchCommand? GoldenCommand(List<(long Id, JsonObject Golden)> persons, DateTimeOffset now)
    {
        if (persons.Count == 0)
        {
            return null;
        }

        var command = new NpgsqlBatchCommand("""
            UPDATE person p SET golden = u.golden::jsonb, updated_at = @now
            FROM unnest(@ids, @goldens) AS u(person_id, golden) WHERE p.person_id = u.person_id
            """);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("ids", persons.Select(p => p.Id).ToArray());
        command.Parameters.AddWithValue("goldens", persons.Select(p => p.Golden.ToJsonString()).ToArray());
        return command;
    }
}
