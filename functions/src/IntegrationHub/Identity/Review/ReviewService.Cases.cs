namespace IntegrationHub.Identity.Review;

// The review queue a page at a time, and one item with what the reviewer needs to decide it (for the console).
public sealed partial class ReviewService
{
    /// <summary>A page of the open items, strongest first, with how many are open; audited as a read of personal data.</summary>
    public async Task<(IReadOnlyList<ReviewItem> Page, long Total)> PageAsync(int offset, int limit, string actor, string purpose,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        IReadOnlyList<ReviewItem> items;
        long total;
        await using (var command = new NpgsqlCommand($"""
            SELECT {ItemColumns}, count(*) OVER ()
            FROM review_item r
            JOIN stored_record s USING (department, feed, record_id, version)
            JOIN person p ON p.person_id = r.person_id
            WHERE r.decided_at IS NULL ORDER BY r.score DESC, r.review_id OFFSET @offset LIMIT @limit
            """, connection, transaction))
        {
            (items, total) = await command.ReadPageAsync(offset, limit, ReadItem, cancellationToken);
        }

        await audit.AppendAsync(connection, transaction, new AuditEntry(actor, "review.read", purpose, null,
            JsonSerializer.Serialize(new { items = items.Count, offset })), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (items, total);
    }

    /// <summary>One item, decided or not, with the record's own current person; null when there is no such item. Audited.</summary>
    public async Task<ReviewCase?> FindAsync(long reviewId, string actor, string purpose, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        ReviewCase? found = null;
        await using (var command = new NpgsqlCommand($"""
            SELECT {ItemColumns}, r.decision, r.decided_at, own.person_id, own.merged_into, p.merged_into, own.golden::text
            FROM review_item r
            JOIN stored_record s USING (department, feed, record_id, version)
            JOIN person p ON p.person_id = r.person_id
            LEFT JOIN LATERAL (
                SELECT o.person_id, o.merged_into, o.golden FROM person_link l JOIN person o ON o.person_id = l.person_id
                WHERE l.department = r.department AND l.feed = r.feed AND l.record_id = r.record_id
                ORDER BY l.version DESC LIMIT 1) own ON true
            WHERE r.review_id = @id
            """, connection, transaction))
        {
            command.Parameters.AddWithValue("id", reviewId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                found = new ReviewCase(ReadItem(reader), reader.IsDBNull(11) ? null : reader.GetString(11),
                    reader.IsDBNull(12) ? null : reader.GetFieldValue<DateTimeOffset>(12), FormatOrNull(reader, 13), FormatOrNull(reader, 14),
                    FormatOrNull(reader, 15), reader.IsDBNull(16) ? null : JsonNode.Parse(reader.GetString(16)));
            }
        }

        if (found is not null)
        {
            await audit.AppendAsync(connection, transaction, new AuditEntry(actor, "review.read", purpose, found.Item.PersonId,
                JsonSerializer.Serialize(new { reviewId })), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return found;
    }

    private const string ItemColumns = """
        r.review_id, r.department, r.feed, r.record_id, r.version, r.person_id, r.reason, r.score, r.created_at,
        s.payload::text, p.golden::text
        """;

    private static ReviewItem ReadItem(NpgsqlDataReader reader) =>
        new(reader.GetInt64(0), new RecordKey(reader.GetString(1), reader.GetString(2), reader.GetString(3)), reader.GetInt32(4),
            PersonId.Format(reader.GetInt64(5)), reader.GetString(6), reader.GetDouble(7), reader.GetFieldValue<DateTimeOffset>(8),
            JsonNode.Parse(reader.GetString(9))!, JsonNode.Parse(reader.GetString(10))!);

    private static string? FormatOrNull(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : PersonId.Format(reader.GetInt64(ordinal));
}
