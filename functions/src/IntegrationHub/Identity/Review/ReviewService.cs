using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Events;
using IntegrationHub.Platform.Outbox;
using IntegrationHub.Platform.Audit;
using Npgsql;

namespace IntegrationHub.Identity.Review;

/// <summary>
/// The reviewer's decisions: accept a proposed link, reject it (remembered: never proposed again), merge two persons,
/// undo a merge, split records off a person. Each checks that what it decides on has not changed meanwhile, commits
/// with its audit entry, and rebuilds the golden records it touches. Merge is undone by unmerge, a split or an
/// accepted link by merging back.
/// </summary>
public sealed class ReviewService(NpgsqlDataSource dataSource, AuditLog audit, TimeProvider time)
{
    public async Task<IReadOnlyList<ReviewItem>> ListAsync(int limit, string actor, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var items = new List<ReviewItem>();
        await using (var command = new NpgsqlCommand("""
            SELECT r.review_id, r.department, r.feed, r.record_id, r.version, r.person_id, r.reason, r.score, r.created_at,
                   s.payload::text, p.golden::text
            FROM review_item r
            JOIN source_record s USING (department, feed, record_id, version)
            JOIN person p ON p.person_id = r.person_id
            WHERE r.decided_at IS NULL ORDER BY r.score DESC, r.review_id LIMIT @limit
            """, connection, transaction))
        {
            command.Parameters.AddWithValue("limit", limit);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(new ReviewItem(reader.GetInt64(0), new RecordKey(reader.GetString(1), reader.GetString(2), reader.GetString(3)),
                    reader.GetInt32(4), PersonId.Format(reader.GetInt64(5)), reader.GetString(6), reader.GetDouble(7),
                    reader.GetFieldValue<DateTimeOffset>(8), JsonNode.Parse(reader.GetString(9))!, JsonNode.Parse(reader.GetString(10))!));
            }
        }

        await audit.AppendAsync(connection, transaction, new AuditEntry(actor, "review.read", "identity-review", null,
            JsonSerializer.Serialize(new { items = items.Count })), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return items;
    }

    public async Task AcceptAsync(long reviewId, string actor, CancellationToken cancellationToken) =>
        await DecideAsync(reviewId, actor, accept: true, cancellationToken);

    public async Task RejectAsync(long reviewId, string actor, CancellationToken cancellationToken) =>
        await DecideAsync(reviewId, actor, accept: false, cancellationToken);

    public async Task MergeAsync(long person, long into, string actor, CancellationToken cancellationToken)
    {
        if (person == into)
        {
            throw new IdentityDecisionException(400, "merge-self", "A person cannot be merged into itself.");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var merged = await LockPersonsAsync(connection, transaction, [person, into], cancellationToken);
        foreach (var id in new[] { person, into })
        {
            if (merged[id] is { } survivor)
            {
                throw new IdentityDecisionException(409, "merged-away",
                    $"{PersonId.Format(id)} was merged into {PersonId.Format(survivor)}; decide on {PersonId.Format(survivor)} instead.");
            }
        }

        await ExecuteAsync(connection, transaction, "UPDATE person SET merged_into = @into, updated_at = @now WHERE person_id = @p",
            cancellationToken, ("into", into), ("p", person), ("now", time.GetUtcNow()));
        await GoldenRecords.RecomputeAsync(connection, transaction, [into], time.GetUtcNow(), cancellationToken);
        await AuditAsync(connection, transaction, actor, "person.merge", person, new { into = PersonId.Format(into) }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task UnmergeAsync(long person, string actor, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Both rows are locked, in id order, before the survivor's event: the person trigger takes per-subject sequence locks.
        long? seen;
        await using (var peek = new NpgsqlCommand("SELECT merged_into FROM person WHERE person_id = @p", connection, transaction))
        {
            peek.Parameters.AddWithValue("p", person);
            seen = await peek.ExecuteScalarAsync(cancellationToken) is long into ? into : null;
        }

        var merged = await LockPersonsAsync(connection, transaction, seen is { } s ? [person, s] : [person], cancellationToken);
        if (merged[person] is not { } survivor)
        {
            throw new IdentityDecisionException(409, "not-merged", $"{PersonId.Format(person)} is not merged into anyone.");
        }

        if (survivor != seen)
        {
            throw new IdentityDecisionException(409, "merge-changed", $"{PersonId.Format(person)} was merged elsewhere meanwhile; try again.");
        }

        await ExecuteAsync(connection, transaction, "UPDATE person SET merged_into = NULL, updated_at = @now WHERE person_id = @p",
            cancellationToken, ("p", person), ("now", time.GetUtcNow()));
        await GoldenRecords.RecomputeAsync(connection, transaction, [person, survivor], time.GetUtcNow(), cancellationToken);
        await EmitSplitAsync(connection, transaction, survivor, person, await CurrentRecordCountAsync(connection, transaction, person,
            cancellationToken), cancellationToken);
        await AuditAsync(connection, transaction, actor, "person.unmerge", person, new { from = PersonId.Format(survivor) }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Moves the current links of the named records to a new person; returns its id.</summary>
    public async Task<long> SplitAsync(long person, IReadOnlyList<RecordKey> records, string actor, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            throw new IdentityDecisionException(400, "split-nothing", "Name at least one record to split off.");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var merged = await LockPersonsAsync(connection, transaction, [person], cancellationToken);
        if (merged[person] is { } survivor)
        {
            throw new IdentityDecisionException(409, "merged-away",
                $"{PersonId.Format(person)} was merged into {PersonId.Format(survivor)}; split from {PersonId.Format(survivor)} instead.");
        }

        var current = new List<(RecordKey Key, int Version)>();
        await using (var command = new NpgsqlCommand("""
            SELECT department, feed, record_id, version FROM (
                SELECT DISTINCT ON (department, feed, record_id) department, feed, record_id, version, person_id
                FROM person_link WHERE (department, feed, record_id) IN (
                    SELECT department, feed, record_id FROM person_link WHERE person_id = @p)
                ORDER BY department, feed, record_id, version DESC) l
            WHERE person_id = @p
            """, connection, transaction))
        {
            command.Parameters.AddWithValue("p", person);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                current.Add((new RecordKey(reader.GetString(0), reader.GetString(1), reader.GetString(2)), reader.GetInt32(3)));
            }
        }

        var moving = current.Where(c => records.Contains(c.Key)).ToList();
        var strangers = records.Except(moving.Select(m => m.Key)).ToList();
        if (strangers.Count > 0)
        {
            throw new IdentityDecisionException(400, "not-this-persons",
                $"{strangers.Count} of the named records are not currently linked to {PersonId.Format(person)}, e.g. " +
                $"{strangers[0].Department}/{strangers[0].Feed}/{strangers[0].RecordId}.");
        }

        if (moving.Count == current.Count)
        {
            throw new IdentityDecisionException(409, "split-empties-person",
                $"Splitting every record off {PersonId.Format(person)} would leave it empty; merge or keep it instead.");
        }

        var now = time.GetUtcNow();
        long split;
        await using (var create = new NpgsqlCommand("INSERT INTO person (created_at, updated_at) VALUES (@now, @now) RETURNING person_id",
            connection, transaction))
        {
            create.Parameters.AddWithValue("now", now);
            split = (long)(await create.ExecuteScalarAsync(cancellationToken))!;
        }

        foreach (var (key, version) in moving)
        {
            await ExecuteAsync(connection, transaction, """
                UPDATE person_link SET person_id = @to, rule = 'split', score = 1.0, linked_at = @now
                WHERE department = @d AND feed = @f AND record_id = @r AND version = @v
                """, cancellationToken, ("to", split), ("now", now), ("d", key.Department), ("f", key.Feed), ("r", key.RecordId), ("v", version));
        }

        await GoldenRecords.RecomputeAsync(connection, transaction, [person, split], now, cancellationToken);
        await EmitSplitAsync(connection, transaction, person, split, moving.Count, cancellationToken);
        await AuditAsync(connection, transaction, actor, "person.split", person,
            new { into = PersonId.Format(split), records = moving.Select(m => m.Key).ToList() }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return split;
    }

    // The text is not echoed: a caller may have put anything there, an identity number included.
    public static long ParsePersonId(string text) => PersonId.TryParse(text, out var id)
        ? id
        : throw new IdentityDecisionException(400, "person-id", "That is not a person id (P followed by digits, as P000000650).");

    private async Task DecideAsync(long reviewId, string actor, bool accept, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        string department, feed, recordId;
        int version;
        long person;
        double score;
        await using (var item = new NpgsqlCommand("""
            SELECT department, feed, record_id, version, person_id, score, decided_at IS NOT NULL FROM review_item
            WHERE review_id = @id FOR UPDATE
            """, connection, transaction))
        {
            item.Parameters.AddWithValue("id", reviewId);
            await using var reader = await item.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new IdentityDecisionException(404, "unknown-review", $"There is no review item {reviewId}.");
            }

            if (reader.GetBoolean(6))
            {
                throw new IdentityDecisionException(409, "review-decided", $"Review item {reviewId} was decided already.");
            }

            (department, feed, recordId, version, person, score) =
                (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt64(4), reader.GetDouble(5));
        }

        // The pair must be what the reviewer saw: the record not corrected since, the person not merged away since.
        await using (var check = new NpgsqlCommand("""
            SELECT (SELECT version FROM source_record_current WHERE department = @d AND feed = @f AND record_id = @r),
                   (SELECT merged_into FROM person WHERE person_id = @p)
            """, connection, transaction))
        {
            check.Parameters.AddWithValue("d", department);
            check.Parameters.AddWithValue("f", feed);
            check.Parameters.AddWithValue("r", recordId);
            check.Parameters.AddWithValue("p", person);
            await using var reader = await check.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            if (reader.GetInt32(0) != version || !reader.IsDBNull(1))
            {
                throw new IdentityDecisionException(409, "review-stale",
                    "The record was corrected or the person merged since this item was proposed; review the new proposal instead.");
            }
        }

        var now = time.GetUtcNow();
        if (accept)
        {
            await ExecuteAsync(connection, transaction, """
                INSERT INTO person_link (department, feed, record_id, version, person_id, rule, score, linked_at)
                VALUES (@d, @f, @r, @v, @p, 'review', @score, @now)
                ON CONFLICT (department, feed, record_id, version) DO UPDATE SET person_id = excluded.person_id, rule = 'review',
                    score = excluded.score, linked_at = excluded.linked_at
                """, cancellationToken, ("d", department), ("f", feed), ("r", recordId), ("v", version), ("p", person), ("score", score),
                ("now", now));
        }
        else
        {
            await ExecuteAsync(connection, transaction, """
                INSERT INTO match_rejection (department, feed, record_id, person_id, rejected_at, rejected_by)
                VALUES (@d, @f, @r, @p, @now, @actor) ON CONFLICT DO NOTHING
                """, cancellationToken, ("d", department), ("f", feed), ("r", recordId), ("p", person), ("now", now), ("actor", actor));

            // Matched again, without the rejected person among its candidates.
            await ExecuteAsync(connection, transaction, """
                INSERT INTO link_deferred (department, feed, record_id, version, reason, deferred_at)
                VALUES (@d, @f, @r, @v, 'review-rejected', @now) ON CONFLICT DO NOTHING
                """, cancellationToken, ("d", department), ("f", feed), ("r", recordId), ("v", version), ("now", now));
        }

        await ExecuteAsync(connection, transaction, "UPDATE review_item SET decided_at = @now, decision = @decision WHERE review_id = @id",
            cancellationToken, ("now", now), ("decision", accept ? "accepted" : "rejected"), ("id", reviewId));
        if (accept)
        {
            await GoldenRecords.RecomputeAsync(connection, transaction, [person], now, cancellationToken);
        }

        await AuditAsync(connection, transaction, actor, accept ? "review.accept" : "review.reject", person,
            new { reviewId, record = $"{department}/{feed}/{recordId}#{version}" }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<Dictionary<long, long?>> LockPersonsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        long[] persons, CancellationToken cancellationToken)
    {
        var found = new Dictionary<long, long?>();
        await using var command = new NpgsqlCommand(
            "SELECT person_id, merged_into FROM person WHERE person_id = ANY(@ids) ORDER BY person_id FOR UPDATE", connection, transaction);
        command.Parameters.AddWithValue("ids", persons);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                found[reader.GetInt64(0)] = reader.IsDBNull(1) ? null : reader.GetInt64(1);
            }
        }

        foreach (var person in persons.Where(p => !found.ContainsKey(p)))
        {
            throw new IdentityDecisionException(404, "unknown-person", $"There is no person {PersonId.Format(person)}.");
        }

        return found;
    }

    /// <summary>person.split, subject the person that lost records: a split names the new person it made, an unmerge the
    /// person it restored (whose records leave the survivor).</summary>
    private async Task EmitSplitAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long person, long newPerson, int records,
        CancellationToken cancellationToken)
    {
        var subject = PersonId.Format(person);
        await EventOutbox.AppendAsync(connection, transaction, [new EventDraft(EventTypes.PersonSplit, subject, time.GetUtcNow(), new JsonObject
        {
            ["personId"] = subject,
            ["newPersonId"] = PersonId.Format(newPerson),
            ["recordCount"] = records,
        })], cancellationToken);
    }

    /// <summary>How many records are currently linked to the person or to persons merged into it.</summary>
    private static async Task<int> CurrentRecordCountAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long person,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            WITH RECURSIVE family AS (
                SELECT person_id FROM person WHERE person_id = @p
                UNION ALL
                SELECT c.person_id FROM person c JOIN family f ON c.merged_into = f.person_id
            ), keys AS (
                SELECT DISTINCT l.department, l.feed, l.record_id FROM person_link l JOIN family f ON f.person_id = l.person_id
            )
            SELECT count(*) FROM keys k CROSS JOIN LATERAL (
                SELECT p.person_id FROM person_link p WHERE p.department = k.department AND p.feed = k.feed AND p.record_id = k.record_id
                ORDER BY p.version DESC LIMIT 1) c
            WHERE c.person_id IN (SELECT person_id FROM family)
            """, connection, transaction);
        command.Parameters.AddWithValue("p", person);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private async Task AuditAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string actor, string action, long person,
        object detail, CancellationToken cancellationToken) =>
        await audit.AppendAsync(connection, transaction, new AuditEntry(actor, action, "identity-review", PersonId.Format(person),
            JsonSerializer.Serialize(detail)), cancellationToken);

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql,
        CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
