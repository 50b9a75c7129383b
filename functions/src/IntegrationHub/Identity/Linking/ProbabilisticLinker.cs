using IntegrationHub.Identity.Matching;
using IntegrationHub.Intake.Published;

namespace IntegrationHub.Identity.Linking;

/// <summary>
/// Places the records the deterministic rule deferred (no trustworthy number): candidates come from the persons holding
/// a valid number one keying slip from the record's, and from shared blocking keys; each is scored Fellegi–Sunter
/// style. A certain and unambiguous best is linked; a probable or possible one goes to review; with no candidate worth
/// reviewing the record becomes a new person. Claimed deferrals, links and persons commit together. The weights are the
/// newest EM estimate (<see cref="MatchModelProvider"/>). Once nothing is waiting, persons that later records showed to be
/// one human are merged (<see cref="Consolidation.PersonConsolidation"/>), which may send records back to be matched again.
/// </summary>
public sealed class ProbabilisticLinker(
    NpgsqlDataSource dataSource,
    FeatureExtractor features,
    MatchModelProvider models,
    Consolidation.PersonConsolidation consolidation,
    AuditLog audit,
    TimeProvider time,
    IOptions<MatchingOptions> options)
{
    private readonly Comparator comparator = new(features.Readings);


    public async Task<LinkOutcome> LinkAllAsync(CancellationToken cancellationToken)
    {
        var total = LinkOutcome.Nothing;
        while (await LinkNextChunkAsync(cancellationToken) is { Lines: > 0 } step)
        {
            total = new LinkOutcome(total.Lines + step.Lines, total.Linked + step.Linked, total.Review + step.Review, total.Deferred);
        }

        return total;
    }

    public async Task<LinkOutcome> LinkNextChunkAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var claimed = await ClaimAsync(connection, transaction, cancellationToken);
        if (claimed.Count == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return await consolidation.RunAsync(cancellationToken) is > 0 and var looked ? new LinkOutcome(looked, 0, 0, 0) : LinkOutcome.Nothing;
        }

        var outcome = await MatchAsync(connection, transaction, claimed, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return outcome;
    }

    /// <summary>
    /// Matches the records a new batch's deterministic step has just deferred, in the transaction that stores the batch
    /// (<see cref="OnArrival.ArrivalListener"/>), so that a small batch is placed whole before the reply rather than at the
    /// timer's next run. Only the given records' deferrals are taken; each is matched against the persons as they stand now,
    /// as the timer's pass would.
    /// </summary>
    public async Task<LinkOutcome> LinkArrivedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<StoredRecord> records, CancellationToken cancellationToken)
    {
        var taken = new HashSet<(string, string, string, int)>();
        await using (var claim = new NpgsqlCommand("""
            DELETE FROM link_deferred d USING unnest(@d, @f, @r, @v) AS k(department, feed, record_id, version)
            WHERE d.department = k.department AND d.feed = k.feed AND d.record_id = k.record_id AND d.version = k.version
            RETURNING d.department, d.feed, d.record_id, d.version
            """, connection, transaction))
        {
            AddRecordKeys(claim, records.Select(r => (r.Department, r.Feed, r.RecordId, r.Version)).ToList());
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                taken.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3)));
            }
        }

        var deferred = records.Where(r => taken.Contains((r.Department, r.Feed, r.RecordId, r.Version))).ToList();
        return deferred.Count == 0 ? LinkOutcome.Nothing : await MatchAsync(connection, transaction, deferred, cancellationToken);
    }

    private async Task<LinkOutcome> MatchAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<StoredRecord> claimed,
        CancellationToken cancellationToken)
    {
        var model = await models.CurrentAsync(connection, transaction, cancellationToken);

        int linked = 0, review = 0, created = 0;
        var now = time.GetUtcNow();
        foreach (var record in claimed)
        {
            var (recordFeatures, number) = features.Extract(record);
            var keys = features.BlockKeys(recordFeatures);
            var neighbours = number is null ? [] : IdNeighbours.Of(number).Select(features.BlindIndex).ToArray();
            var candidates = await CandidatesAsync(connection, transaction, record, recordFeatures, keys, neighbours, cancellationToken);
            var scored = candidates
                .Select(c => (c.Id, c.Golden, Score: model.Score(comparator.Compare(recordFeatures, MatchFeatures.FromGolden(c.Golden),
                    number is null || !(c.Neighbour || c.HasNumber) ? null : c.Neighbour, c.Employer))))
                .OrderByDescending(c => c.Score).ToList();
            var best = scored.FirstOrDefault();
            var runnerUp = scored.Count > 1 ? scored[1].Score : double.NegativeInfinity;
            var settings = options.Value;
            if (best.Golden is not null && best.Score >= settings.Certain && best.Score - runnerUp >= settings.Margin)
            {
                await LinkAsync(connection, transaction, record, keys, await LockSurvivorAsync(connection, transaction, best.Id, cancellationToken),
                    LinkRule.Probabilistic, best.Score, now, cancellationToken);
                linked++;
            }
            else if (best.Golden is not null && best.Score >= settings.Possible)
            {
                var reason = best.Score >= settings.Probable ? ReviewReasons.Probable : ReviewReasons.Possible;
                await ReviewAsync(connection, transaction, record, best.Id, reason, best.Score, now, cancellationToken);
                review++;
            }
            else
            {
                var person = await CreatePersonAsync(connection, transaction, now, cancellationToken);
                await LinkAsync(connection, transaction, record, keys, (person, []), LinkRule.NewPerson, best.Golden is null ? 0 : best.Score,
                    now, cancellationToken);
                created++;
            }
        }

        await audit.AppendAsync(connection, transaction, new AuditEntry("identity-matcher", "person.match", "identity-reconciliation", null,
            JsonSerializer.Serialize(new { records = claimed.Count, linked, review, created })), cancellationToken);
        return new LinkOutcome(claimed.Count, linked + created, review, 0);
    }

    /// <summary>
    /// Locks the person a record is to join and reads its golden record afresh: the candidate's copy was read unlocked, and a
    /// linker may have folded another record into it since, which saving the stale copy would undo. A person merged away
    /// meanwhile is followed to the person it was merged into (one human, as the merge said).
    /// </summary>
    private static async Task<(long Id, JsonObject Golden)> LockSurvivorAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        long person, CancellationToken cancellationToken)
    {
        // A second read finds the survivor of a merge that committed while we waited; a third is for one merged again meanwhile.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await using var command = new NpgsqlCommand("""
                WITH RECURSIVE chain AS (
                    SELECT person_id, merged_into, 0 AS depth FROM person WHERE person_id = @p
                    UNION ALL
                    SELECT p.person_id, p.merged_into, c.depth + 1 FROM chain c JOIN person p ON p.person_id = c.merged_into WHERE c.depth < 64
                )
                SELECT p.person_id, p.golden::text FROM chain c JOIN person p ON p.person_id = c.person_id
                WHERE c.merged_into IS NULL AND p.merged_into IS NULL
                FOR NO KEY UPDATE OF p
                """, connection, transaction);
            command.Parameters.AddWithValue("p", person);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                return (reader.GetInt64(0), JsonNode.Parse(reader.GetString(1))!.AsObject());
            }

            // Merged away while we waited for its lock: the row dropped out, and the chain is read again from the start.
        }

        throw new InvalidOperationException($"Person {person} has no survivor to link to.");
    }

    private async Task<List<StoredRecord>> ClaimAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        var keys = new List<(string Department, string Feed, string RecordId, int Version)>();
        await using (var claim = new NpgsqlCommand("""
            DELETE FROM link_deferred d USING (
                SELECT department, feed, record_id, version FROM link_deferred ORDER BY deferred_at LIMIT @n FOR UPDATE SKIP LOCKED
            ) c
            WHERE d.department = c.department AND d.feed = c.feed AND d.record_id = c.record_id AND d.version = c.version
            RETURNING d.department, d.feed, d.record_id, d.version
            """, connection, transaction))
        {
            claim.Parameters.AddWithValue("n", options.Value.ChunkSize);
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                keys.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3)));
            }
        }

        var records = new List<StoredRecord>();
        if (keys.Count == 0)
        {
            return records;
        }

        await using var load = new NpgsqlCommand("""
            SELECT s.department, s.feed, s.record_id, s.version, s.payload::text, s.id_number_index, s.id_number_cipher,
                   coalesce(s.id_number_valid, false)
            FROM unnest(@d, @f, @r, @v) AS k(department, feed, record_id, version)
            CROSS JOIN LATERAL (
                SELECT * FROM stored_record s
                WHERE s.department = k.department AND s.feed = k.feed AND s.record_id = k.record_id AND s.version = k.version
                OFFSET 0) s
            """, connection, transaction);
        AddRecordKeys(load, keys);
        await using var rows = await load.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            records.Add(new StoredRecord(rows.GetString(0), rows.GetString(1), rows.GetString(2), rows.GetInt32(3),
                JsonNode.Parse(rows.GetString(4))!.AsObject(), rows.IsDBNull(5) ? null : (byte[])rows[5],
                rows.IsDBNull(6) ? null : (byte[])rows[6], rows.GetBoolean(7)));
        }

        return records;
    }

    /// <summary>The records' keys as the arrays <c>@d, @f, @r, @v</c>, for <c>unnest</c>.</summary>
    private static void AddRecordKeys(NpgsqlCommand command, List<(string Department, string Feed, string RecordId, int Version)> keys)
    {
        command.Parameters.AddWithValue("d", keys.Select(k => k.Department).ToArray());
        command.Parameters.AddWithValue("f", keys.Select(k => k.Feed).ToArray());
        command.Parameters.AddWithValue("r", keys.Select(k => k.RecordId).ToArray());
        command.Parameters.AddWithValue("v", keys.Select(k => k.Version).ToArray());
    }

    /// <summary>Candidates, each with whether it holds a one-slip neighbour of the record's number and whether it has a number at all.</summary>
    private async Task<List<(long Id, JsonObject Golden, bool Neighbour, bool HasNumber, bool Employer)>> CandidatesAsync(NpgsqlConnection connection,
        NpgsqlTransaction transaction, StoredRecord record, MatchFeatures recordFeatures, byte[][] keys, byte[][] neighbours,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            WITH RECURSIVE hit AS (
                SELECT person_id, true AS neighbour, false AS employer FROM person WHERE id_number_index = ANY(@neighbours)
                UNION
                SELECT person_id, false, key = @employerKey FROM person_block WHERE key = ANY(@keys)
            ), chain AS (
                SELECT h.neighbour, h.employer, p.person_id, p.merged_into FROM hit h JOIN person p ON p.person_id = h.person_id
                UNION ALL
                SELECT c.neighbour, c.employer, p.person_id, p.merged_into FROM chain c JOIN person p ON p.person_id = c.merged_into
            ), survivor AS (
                SELECT person_id, bool_or(neighbour) AS neighbour, bool_or(employer) AS employer FROM chain
                WHERE merged_into IS NULL GROUP BY person_id
            )
            SELECT p.person_id, p.golden::text, s.neighbour, p.id_number_index IS NOT NULL, s.employer
            FROM survivor s JOIN person p USING (person_id)
            WHERE NOT EXISTS (SELECT 1 FROM match_rejection r WHERE r.department = @d AND r.feed = @f AND r.record_id = @rid
                                                            AND r.person_id = p.person_id)
            LIMIT 200
            """, connection, transaction);
        command.Parameters.AddWithValue("neighbours", neighbours);
        command.Parameters.AddWithValue("keys", keys);
        command.Parameters.AddWithValue("employerKey", features.EmployerKey(recordFeatures) ?? []);
        command.Parameters.AddWithValue("d", record.Department);
        command.Parameters.AddWithValue("f", record.Feed);
        command.Parameters.AddWithValue("rid", record.RecordId);
        var candidates = new List<(long, JsonObject, bool, bool, bool)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            candidates.Add((reader.GetInt64(0), JsonNode.Parse(reader.GetString(1))!.AsObject(), reader.GetBoolean(2), reader.GetBoolean(3),
                reader.GetBoolean(4)));
        }

        return candidates;
    }

    private static async Task LinkAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, StoredRecord record, byte[][] keys,
        (long Id, JsonObject Golden) target, LinkRule rule, double score, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (person, golden) = target;
        await using (var link = RecordAndPersonCommand("""
            INSERT INTO person_link (department, feed, record_id, version, person_id, rule, score, linked_at)
            VALUES (@d, @f, @r, @v, @p, @rule, @score, @now) ON CONFLICT DO NOTHING
            """, connection, transaction, record, person, score, now))
        {
            link.Parameters.AddWithValue("rule", rule.Word);
            await link.ExecuteNonQueryAsync(cancellationToken);
        }

        if (Survivorship.Apply(golden, record))
        {
            await GoldenRecords.SaveAsync(connection, transaction, person, golden, now, cancellationToken);
        }

        await PersonBlocks.AddAsync(connection, transaction, keys.Select(k => (k, person)).ToList(), cancellationToken);
    }

    private static async Task ReviewAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, StoredRecord record, long person,
        string reason, double score, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = RecordAndPersonCommand("""
            INSERT INTO review_item (department, feed, record_id, version, person_id, reason, score, created_at)
            VALUES (@d, @f, @r, @v, @p, @reason, @score, @now) ON CONFLICT DO NOTHING
            """, connection, transaction, record, person, score, now);
        command.Parameters.AddWithValue("reason", reason);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A statement that pairs a record version with a person (a link or a doubt), with what both kinds bind: the
    /// record as @d, @f, @r, @v, the person as @p, @score and @now.</summary>
    private static NpgsqlCommand RecordAndPersonCommand(string sql, NpgsqlConnection connection, NpgsqlTransaction transaction,
        StoredRecord record, long person, double score, DateTimeOffset now)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("d", record.Department);
        command.Parameters.AddWithValue("f", record.Feed);
        command.Parameters.AddWithValue("r", record.RecordId);
        command.Parameters.AddWithValue("v", record.Version);
        command.Parameters.AddWithValue("p", person);
        command.Parameters.AddWithValue("score", score);
        command.Parameters.AddWithValue("now", now);
        return command;
    }

    private static async Task<long> CreatePersonAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "INSERT INTO person (created_at, updated_at) VALUES (@now, @now) RETURNING person_id", connection, transaction);
        command.Parameters.AddWithValue("now", now);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
