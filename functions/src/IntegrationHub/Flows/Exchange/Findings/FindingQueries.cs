using IntegrationHub.Identity;

namespace IntegrationHub.Flows.Exchange.Findings;

/// <summary>A department's findings: read (each read audited with its purpose) and acknowledged.</summary>
public sealed class FindingQueries(NpgsqlDataSource dataSource, IdentityProtector protector, AuditLog audit, TimeProvider time)
{
    /// <summary>The department's findings the filter matches, paging aside (parameters from <see cref="AddMatching"/>).</summary>
    private const string Matching = """
        department = @department AND (@since::timestamptz IS NULL OR changed_at > @since)
          AND (@rule::text IS NULL OR rule_id = @rule) AND (@open::boolean IS NULL OR open = @open)
        """;

    /// <summary>The department's findings matching <paramref name="filter"/>, oldest change first (newest first when the filter
    /// asks). Numbers are shown, since each is the department's own.</summary>
    public async Task<IReadOnlyList<FindingView>> ListAsync(string department, FindingFilter filter, string actor, string purpose,
        CancellationToken cancellationToken) => (await PageAsync(department, filter, actor, purpose, cancellationToken)).Findings;

    /// <summary>As <see cref="ListAsync"/>, and whether more findings follow the filter's <see cref="FindingFilter.Limit"/>.</summary>
    /// <remarks>One finding more than the limit is read to tell whether another page follows; it is not returned, so it is
    /// not counted in the audit entry.</remarks>
    public async Task<FindingList> PageAsync(string department, FindingFilter filter, string actor, string purpose,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var found = await ReadAsync(connection, transaction, department, filter with { Limit = filter.Limit + 1 }, throughChange: null,
            cancellationToken);
        var page = filter.Limit is { } limit && found.Count > limit ? found[..limit] : found;
        await audit.AppendAsync(connection, transaction, new AuditEntry(actor, "findings.read", purpose, department,
            JsonSerializer.Serialize(new { count = page.Count, since = filter.Since, rule = filter.RuleId, open = filter.Open,
                after = filter.After?.Encode(), limit = filter.Limit, newestFirst = filter.NewestFirst })), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new FindingList(page, page.Count < found.Count);
    }

    /// <summary>Reads in the caller's transaction, without auditing (the caller audits); <paramref name="throughChange"/>
    /// bounds the changes read from above.</summary>
    internal async Task<List<FindingView>> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string department,
        FindingFilter filter, DateTimeOffset? throughChange, CancellationToken cancellationToken)
    {
        var (after, order) = filter.NewestFirst ? ("<", "changed_at DESC, finding_id DESC") : (">", "changed_at, finding_id");
        await using var command = new NpgsqlCommand($"""
            SELECT finding_id, rule_id, department, person_id, record_ids, period_from, period_to, evidence::text, detail::text, open,
                   first_seen, last_seen, resolved_at, acknowledged_at, changed_at, number_cipher
            FROM exchange_finding
            WHERE {Matching}
              AND (@through::timestamptz IS NULL OR changed_at <= @through)
              AND (@afterAt::timestamptz IS NULL OR (changed_at, finding_id) {after} (@afterAt, @afterId))
            ORDER BY {order}
            LIMIT @limit
            """, connection, transaction);
        command.Parameters.AddWithValue("afterAt", NpgsqlTypes.NpgsqlDbType.TimestampTz, (object?)filter.After?.ChangedAt ?? DBNull.Value);
        command.Parameters.AddWithValue("afterId", filter.After?.FindingId ?? 0L);
        command.Parameters.AddWithValue("limit", NpgsqlTypes.NpgsqlDbType.Integer, (object?)filter.Limit ?? DBNull.Value);
        command.Parameters.AddWithValue("through", NpgsqlTypes.NpgsqlDbType.TimestampTz, (object?)throughChange ?? DBNull.Value);
        AddMatching(command, department, filter);
        var views = new List<FindingView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            views.Add(new FindingView(
                FindingId.Format(reader.GetInt64(0)), reader.GetString(1), reader.GetString(2), PersonId.Format(reader.GetInt64(3)),
                reader.GetFieldValue<string[]>(4), new FindingPeriod(reader.GetString(5), reader.GetString(6)),
                JsonNode.Parse(reader.GetString(7))!.AsArray(), JsonNode.Parse(reader.GetString(8))!.AsObject(),
                reader.GetBoolean(9) ? "open" : "resolved", reader.GetFieldValue<DateTimeOffset>(10), reader.GetFieldValue<DateTimeOffset>(11),
                reader.IsDBNull(12) ? null : reader.GetFieldValue<DateTimeOffset>(12),
                reader.IsDBNull(13) ? null : reader.GetFieldValue<DateTimeOffset>(13), reader.GetFieldValue<DateTimeOffset>(14),
                reader.IsDBNull(15) ? null : protector.Decrypt((byte[])reader[15], ProtectionPurposes.IdNumber)));
        }

        return views;
    }

    /// <summary>How many of the department's findings <paramref name="filter"/> matches (its page aside) and how many of them changed
    /// after <paramref name="newerThan"/> (those a page starting there has ahead of it, newest first); nothing is decrypted.</summary>
    public async Task<(long Total, long Newer)> CountAsync(string department, FindingFilter filter, FindingCursor? newerThan,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT count(*), count(*) FILTER (WHERE @newerAt::timestamptz IS NOT NULL AND (changed_at, finding_id) > (@newerAt, @newerId))
            FROM exchange_finding
            WHERE {Matching}
            """);
        command.Parameters.AddWithValue("newerAt", NpgsqlTypes.NpgsqlDbType.TimestampTz, (object?)newerThan?.ChangedAt ?? DBNull.Value);
        command.Parameters.AddWithValue("newerId", newerThan?.FindingId ?? 0L);
        AddMatching(command, department, filter);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static void AddMatching(NpgsqlCommand command, string department, FindingFilter filter)
    {
        command.Parameters.AddWithValue("department", department);
        command.Parameters.AddWithValue("since", NpgsqlTypes.NpgsqlDbType.TimestampTz, (object?)filter.Since ?? DBNull.Value);
        command.Parameters.AddWithValue("rule", NpgsqlTypes.NpgsqlDbType.Text, (object?)filter.RuleId ?? DBNull.Value);
        command.Parameters.AddWithValue("open", NpgsqlTypes.NpgsqlDbType.Boolean, (object?)filter.Open ?? DBNull.Value);
    }

    /// <summary>Acknowledges the department's findings; acknowledging one twice changes nothing. Refuses the whole request
    /// when an id names no finding or another department's.</summary>
    public async Task<AcknowledgeResult> AcknowledgeAsync(string department, IReadOnlyList<long> ids, string actor, string purpose,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        Dictionary<long, (string Department, bool Acknowledged)> owners;
        await using (var read = new NpgsqlCommand(
            "SELECT finding_id, department, acknowledged_at IS NOT NULL FROM exchange_finding WHERE finding_id = ANY(@ids) FOR UPDATE",
            connection, transaction))
        {
            read.Parameters.AddWithValue("ids", ids.ToArray());
            owners = await read.ReadByIdAsync(reader => (reader.GetString(1), reader.GetBoolean(2)), cancellationToken);
        }

        for (var i = 0; i < ids.Count; i++)
        {
            if (!owners.TryGetValue(ids[i], out var owner))
            {
                return new AcknowledgeResult(0, 0, AcknowledgeRefusal.Unknown, $"/findingIds/{i}", $"There is no finding {FindingId.Format(ids[i])}.");
            }

            if (owner.Department != department)
            {
                return new AcknowledgeResult(0, 0, AcknowledgeRefusal.OtherDepartment, $"/findingIds/{i}",
                    $"Finding {FindingId.Format(ids[i])} is another department's.");
            }
        }

        var fresh = owners.Where(o => !o.Value.Acknowledged).Select(o => o.Key).ToArray();
        await using (var update = new NpgsqlCommand(
            "UPDATE exchange_finding SET acknowledged_at = @now WHERE finding_id = ANY(@ids) AND acknowledged_at IS NULL", connection, transaction))
        {
            update.Parameters.AddWithValue("ids", fresh);
            update.Parameters.AddWithValue("now", time.GetUtcNow());
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await audit.AppendAsync(connection, transaction, new AuditEntry(actor, "findings.acknowledge", purpose, department,
            JsonSerializer.Serialize(new { findingIds = ids.Select(FindingId.Format), acknowledged = fresh.Length })), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new AcknowledgeResult(fresh.Length, owners.Count - fresh.Length, null, null, null);
    }
}
