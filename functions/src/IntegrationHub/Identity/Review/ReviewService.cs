using static IntegrationHub.Platform.Database.SqlStatements;

namespace IntegrationHub.Identity.Review;

/// <summary>
/// The reviewer's decisions: accept a proposed link, reject it (remembered: never proposed again), merge two persons,
/// undo a merge, split records off a person. Each checks that what it decides on has not changed meanwhile, commits
/// with its audit entry, and rebuilds the golden records it touches. Merge is undone by unmerge, a split or an
/// accepted link by merging back.
/// </summary>
/// <remarks>The decisions on review items are here, those on persons in <c>ReviewService.Persons.cs</c>.</remarks>
public sealed partial class ReviewService(NpgsqlDataSource dataSource, AuditLog audit, TimeProvider time)
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
            JOIN stored_record s USING (department, feed, record_id, version)
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

    // The text is not echoed: a caller may have put anything there, an identity number included.
    public static long ParsePersonId(string text) => PersonId.TryParse(text, out var id)
        ? id
        : throw new IdentityDecisionException(400, "person-id", "That is not a person id (P followed by digits, as P000000650).");

    private async Task DecideAsync(long reviewId, string actor, bool accept, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var proposal = await LockUndecidedAsync(connection, transaction, reviewId, cancellationToken);
        await CheckUnchangedAsync(connection, transaction, proposal, cancellationToken);
        var now = time.GetUtcNow();
        if (accept)
        {
            await LinkAsync(connection, transaction, proposal, now, cancellationToken);
        }
        else
        {
            await RememberRejectionAsync(connection, transaction, proposal, actor, now, cancellationToken);
        }

        await ExecuteAsync(connection, transaction, "UPDATE review_item SET decided_at = @now, decision = @decision WHERE review_id = @id",
            cancellationToken, ("now", now), ("decision", accept ? "accepted" : "rejected"), ("id", reviewId));
        if (accept)
        {
            await GoldenRecords.RecomputeAsync(connection, transaction, [proposal.Person], now, cancellationToken);
        }

        await AuditAsync(connection, transaction, actor, accept ? "review.accept" : "review.reject", proposal.Person,
            new { reviewId, record = proposal.Name }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Locks the review item; refuses one that is unknown or decided already.</summary>
    private static async Task<Proposal> LockUndecidedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long reviewId,
        CancellationToken cancellationToken)
    {
        await using var item = new NpgsqlCommand("""
            SELECT department, feed, record_id, version, person_id, score, decided_at IS NOT NULL FROM review_item
            WHERE review_id = @id FOR UPDATE
            """, connection, transaction);
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

        return new Proposal(new RecordKey(reader.GetString(0), reader.GetString(1), reader.GetString(2)), reader.GetInt32(3),
            reader.GetInt64(4), reader.GetDouble(5));
    }

    /// <summary>The pair must be what the reviewer saw: the record not corrected since, the person not merged away since.</summary>
    private static async Task CheckUnchangedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Proposal proposal,
        CancellationToken cancellationToken)
    {
        await using var check = new NpgsqlCommand("""
            SELECT (SELECT max(version) FROM stored_record WHERE department = @d AND feed = @f AND record_id = @r),
                   (SELECT merged_into FROM person WHERE person_id = @p)
            """, connection, transaction);
        check.Parameters.AddWithValue("d", proposal.Record.Department);
        check.Parameters.AddWithValue("f", proposal.Record.Feed);
        check.Parameters.AddWithValue("r", proposal.Record.RecordId);
        check.Parameters.AddWithValue("p", proposal.Person);
        await using var reader = await check.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        if (reader.GetInt32(0) != proposal.Version || !reader.IsDBNull(1))
        {
            throw new IdentityDecisionException(409, "review-stale",
                "The record was corrected or the person merged since this item was proposed; review the new proposal instead.");
        }
    }

    private static Task LinkAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Proposal proposal, DateTimeOffset now,
        CancellationToken cancellationToken) =>
        ExecuteAsync(connection, transaction, $"""
            INSERT INTO person_link (department, feed, record_id, version, person_id, rule, score, linked_at)
            VALUES (@d, @f, @r, @v, @p, '{LinkRule.Review.Word}', @score, @now)
            ON CONFLICT (department, feed, record_id, version) DO UPDATE SET person_id = excluded.person_id, rule = excluded.rule,
                score = excluded.score, linked_at = excluded.linked_at
            """, cancellationToken, ("d", proposal.Record.Department), ("f", proposal.Record.Feed), ("r", proposal.Record.RecordId),
            ("v", proposal.Version), ("p", proposal.Person), ("score", proposal.Score), ("now", now));

    /// <summary>Never proposes the pair again, and has the record matched again without the rejected person.</summary>
    private static async Task RememberRejectionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Proposal proposal,
        string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (department, feed, recordId) = proposal.Record;
        await ExecuteAsync(connection, transaction, """
            INSERT INTO match_rejection (department, feed, record_id, person_id, rejected_at, rejected_by)
            VALUES (@d, @f, @r, @p, @now, @actor) ON CONFLICT DO NOTHING
            """, cancellationToken, ("d", department), ("f", feed), ("r", recordId), ("p", proposal.Person), ("now", now),
            ("actor", actor));
        await ExecuteAsync(connection, transaction, """
            INSERT INTO link_deferred (department, feed, record_id, version, reason, deferred_at)
            VALUES (@d, @f, @r, @v, 'review-rejected', @now) ON CONFLICT DO NOTHING
            """, cancellationToken, ("d", department), ("f", feed), ("r", recordId), ("v", proposal.Version), ("now", now));
    }

    private async Task AuditAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string actor, string action, long person,
        object detail, CancellationToken cancellationToken) =>
        await audit.AppendAsync(connection, transaction, new AuditEntry(actor, action, "identity-review", PersonId.Format(person),
            JsonSerializer.Serialize(detail)), cancellationToken);

    /// <summary>What a review item proposes: this version of the record belongs to this person, with this score.</summary>
    private readonly record struct Proposal(RecordKey Record, int Version, long Person, double Score)
    {
        /// <summary>The record version as the audit names it: <c>department/feed/recordId#version</c>.</summary>
        public string Name => $"{Record.Department}/{Record.Feed}/{Record.RecordId}#{Version}";
    }
}
