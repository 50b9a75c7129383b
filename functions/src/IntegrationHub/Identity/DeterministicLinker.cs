using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Intake.Published;
using IntegrationHub.Platform.Audit;
using IntegrationHub.Platform.Database;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.Identity;

/// <summary>
/// Links accepted records to persons on their valid identity number, following intake batch by batch. A chunk of a
/// batch is linked in one transaction that also moves the batch's linked_through cursor, so a crash repeats nothing
/// and loses nothing; several hubs share the work (SKIP LOCKED) and the unique trusted-number index makes two persons
/// for one number impossible. A valid number whose name and birth date both disagree with its person goes to review;
/// a record without a trustworthy number is deferred to the probabilistic matcher. A batch with many unlinked lines is
/// linked set-wise instead (<see cref="Setwise.SetwiseLinker"/>): same decisions, same cursor, far fewer round trips.
/// </summary>
public sealed class DeterministicLinker(
    NpgsqlDataSource dataSource,
    FeatureExtractor features,
    NumberAdoption adoption,
    Setwise.SetwiseLinker setwise,
    AuditLog audit,
    TimeProvider time,
    IOptions<IdentityOptions> options)
{
    public const string Rule = "id-number";

    internal const string DisagreementReason = "id-number-but-name-and-birth-date-disagree";

    /// <summary>Links every stored line not yet linked; returns the totals.</summary>
    public async Task<LinkOutcome> LinkAllAsync(CancellationToken cancellationToken)
    {
        var total = LinkOutcome.Nothing;
        while (await LinkNextChunkAsync(cancellationToken) is { Lines: > 0 } step)
        {
            total = total.Add(step);
        }

        return total;
    }

    /// <summary>Links the next chunk (or set-wise segment) of whichever batch is waiting and not held by another linker.</summary>
    public async Task<LinkOutcome> LinkNextChunkAsync(CancellationToken cancellationToken) =>
        (await LinkStepAsync(null, cancellationToken)).Outcome;

    /// <summary>
    /// Links what is unlinked of one batch now, in transactions of its own; nothing when another linker holds the batch
    /// (it is linking it already). The incremental path: called right after intake committed a small batch.
    /// </summary>
    public async Task<LinkOutcome> LinkBatchAsync(string department, string batchId, CancellationToken cancellationToken)
    {
        var total = LinkOutcome.Nothing;
        while (true)
        {
            var (step, caughtUp) = await LinkStepAsync((department, batchId), cancellationToken);
            total = total.Add(step);
            if (step.Lines == 0 || caughtUp)
            {
                return total;
            }
        }
    }

    /// <summary>One step, and whether it linked the batch up to what was stored when it was claimed.</summary>
    private async Task<(LinkOutcome Outcome, bool CaughtUp)> LinkStepAsync((string Department, string BatchId)? only, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var batch = await ClaimBatchAsync(connection, transaction, only, cancellationToken);
        if (batch is null)
        {
            return (LinkOutcome.Nothing, true);
        }

        var settings = options.Value;
        var now = time.GetUtcNow();
        var setwisePath = batch.Unlinked > settings.SetwiseThreshold;
        var to = Math.Min(batch.StoredThrough, batch.LinkedThrough + (setwisePath ? settings.SetwiseSegmentSize : settings.ChunkSize));
        LinkOutcome outcome;
        if (setwisePath)
        {
            // A segment's statements run over tens of thousands of rows: plans fitted to them, not the chunk path's generic ones.
            await using (var planned = new NpgsqlCommand(GenericPlans.FittedForTransaction, connection, transaction))
            {
                await planned.ExecuteNonQueryAsync(cancellationToken);
            }

            outcome = await setwise.LinkAsync(connection, transaction, batch, to, now, cancellationToken);
            await using var finish = new NpgsqlBatch(connection, transaction);
            AddFinish(finish, batch, to, outcome, "setwise");
            await finish.ExecuteNonQueryAsync(cancellationToken);
        }
        else
        {
            var stored = await StoredLines.ReadAcceptedAsync(connection, transaction, batch, to, cancellationToken);
            outcome = await LinkChunkAsync(connection, transaction, batch, to, stored.Select(LinkCandidate.From).ToList(), "chunk", now,
                cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return (outcome, to == batch.StoredThrough);
    }

    /// <summary>
    /// Links a batch's records in the transaction that is storing them (intake's, before it completes the batch): the
    /// records come from memory rather than being read back, and the batch's cursor moves from nothing linked to all of it.
    /// The caller owns the transaction; if this throws, the caller rolls back what it did.
    /// </summary>
    public Task<LinkOutcome> LinkArrivedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ArrivedBatch batch,
        IReadOnlyList<LinkCandidate> candidates, CancellationToken cancellationToken) =>
        LinkChunkAsync(connection, transaction, new ClaimedBatch(batch.Department, batch.BatchId, batch.Feed, 0, batch.StoredThrough),
            batch.StoredThrough, candidates, "arrival", time.GetUtcNow(), cancellationToken);

    /// <summary>
    /// The chunk path: the persons of the candidates' numbers in one round trip (two more for numbers never seen), every
    /// write with the cursor, the person events and the audit entry in one more (two more when a correction moved a record).
    /// </summary>
    private async Task<LinkOutcome> LinkChunkAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ClaimedBatch batch, int to,
        IReadOnlyList<LinkCandidate> candidates, string path, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var persons = await PersonsForAsync(connection, transaction, candidates, now, cancellationToken);
        var links = new List<(LinkCandidate Record, long Person)>();
        var review = new List<(LinkCandidate Record, long Person)>();
        var deferred = new List<(LinkCandidate Record, string Reason)>();
        var touched = new HashSet<long>();
        var blocks = new List<(byte[] Key, long Person)>();
        foreach (var record in candidates)
        {
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

    /// <summary>
    /// The end of a linking step: the cursor, the person events (raised by a commit-time trigger, fired here so that their
    /// work happens before commit, where a failure can still be caught) and the audit entry.
    /// </summary>
    private void AddFinish(NpgsqlBatch finish, ClaimedBatch batch, int to, LinkOutcome outcome, string path)
    {
        finish.BatchCommands.Add(StoredLines.AdvanceCommand(batch, to));
        finish.BatchCommands.Add(new NpgsqlBatchCommand("SET CONSTRAINTS ALL IMMEDIATE"));
        finish.BatchCommands.Add(audit.Command(new AuditEntry("identity-linker", "person.link", "identity-reconciliation",
            $"{batch.Department}/{batch.BatchId}", JsonSerializer.Serialize(new { from = batch.LinkedThrough, to, path,
                linked = outcome.Linked, review = outcome.Review, deferred = outcome.Deferred }))));
    }

    internal static string DeferralReason(LinkCandidate record) => record.IdNumberIndex is null ? "no-id-number" : "invalid-id-number";

    /// <summary>A person's own number vouches for the record unless both name and birth date say it is someone else.</summary>
    internal static bool Agrees(JsonObject golden, LinkCandidate record)
    {
        var name = Survivorship.Value(golden, "name");
        var birthDate = Survivorship.Value(golden, "birthDate");
        var recordName = record.Payload["name"]?.GetValue<string>();
        var recordBirth = record.Payload["birthDate"]?.GetValue<string>();
        var nameDisagrees = name is not null && recordName is not null && name != recordName;
        var birthDisagrees = birthDate is not null && recordBirth is not null && birthDate != recordBirth;
        return !(nameDisagrees && birthDisagrees);
    }

    private static async Task<ClaimedBatch?> ClaimBatchAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        (string Department, string BatchId)? only, CancellationToken cancellationToken)
    {
        await using var claim = new NpgsqlBatch(connection, transaction);
        claim.BatchCommands.Add(new NpgsqlBatchCommand(GenericPlans.ForTransaction));
        claim.BatchCommands.Add(StoredLines.ClaimCommand(only?.Department, only?.BatchId));
        await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
        return await StoredLines.ReadClaimAsync(reader, cancellationToken);
    }

    /// <summary>
    /// Locks and reads the person each valid number means now, creating a person for every number nobody holds yet. Known
    /// numbers take one round trip; numbers never seen go through adoption and creation, then are locked the same way.
    /// </summary>
    private async Task<Dictionary<string, (long Id, JsonObject Golden)>> PersonsForAsync(NpgsqlConnection connection,
        NpgsqlTransaction transaction, IReadOnlyList<LinkCandidate> candidates, DateTimeOffset now, CancellationToken cancellationToken)
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
    private static NpgsqlBatchCommand LockPersonsCommand(IReadOnlyList<LinkCandidate> numbers)
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

    private static NpgsqlBatchCommand? LinksCommand(List<(LinkCandidate Record, long Person)> links, DateTimeOffset now) =>
        PerRecordCommand($"""
            INSERT INTO person_link (department, feed, record_id, version, person_id, rule, score, linked_at)
            SELECT @d, @feed, u.record_id, u.version, u.value, '{Rule}', 1.0, @now
            FROM unnest(@ids, @versions, @values) AS u(record_id, version, value)
            ON CONFLICT DO NOTHING
            """, links, now);

    /// <summary>A correction that moved a record to another person takes its attributes out of the person it left.</summary>
    private static async Task RebuildLeftPersonsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        List<(LinkCandidate Record, long Person)> corrections, DateTimeOffset now, CancellationToken cancellationToken)
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

    private static NpgsqlBatchCommand? ReviewCommand(List<(LinkCandidate Record, long Person)> review, DateTimeOffset now) =>
        PerRecordCommand($"""
            INSERT INTO review_item (department, feed, record_id, version, person_id, reason, score, created_at)
            SELECT @d, @feed, u.record_id, u.version, u.value, '{DisagreementReason}', 0.5, @now
            FROM unnest(@ids, @versions, @values) AS u(record_id, version, value)
            ON CONFLICT DO NOTHING
            """, review, now);

    private static NpgsqlBatchCommand? DeferredCommand(List<(LinkCandidate Record, string Reason)> deferred, DateTimeOffset now) =>
        PerRecordCommand("""
            INSERT INTO link_deferred (department, feed, record_id, version, reason, deferred_at)
            SELECT @d, @feed, u.record_id, u.version, u.value, @now FROM unnest(@ids, @versions, @values) AS u(record_id, version, value)
            ON CONFLICT DO NOTHING
            """, deferred, now);

    /// <summary>One row per record of the chunk (all of one department and feed), with one value of its own; null for no rows.</summary>
    private static NpgsqlBatchCommand? PerRecordCommand<T>(string sql, List<(LinkCandidate Record, T Value)> rows, DateTimeOffset now)
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
