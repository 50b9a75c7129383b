namespace IntegrationHub.Intake.Published;

/// <summary>One completed batch as its report counts it.</summary>
public sealed record CompletedBatch(string Department, string Feed, string BatchId, string Channel, DateTimeOffset StartedAt,
    DateTimeOffset CompletedAt, int Received, int Accepted, int Rejected, int Warnings, int Unchanged);

/// <summary>What intake publishes of the batches it completed, for the flows that watch the feeds (arrival, size, quality).
/// Read-only; counts come from each batch's report, problem codes from its lines (never a value, only codes).</summary>
public static class CompletedBatches
{
    /// <summary>The batches completed after <paramref name="after"/> and at or before <paramref name="through"/>, of one
    /// department or all, in completion order.</summary>
    public static async Task<List<CompletedBatch>> BetweenAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction,
        DateTimeOffset after, DateTimeOffset through, string? department, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT department, feed, batch_id, channel, started_at, completed_at, report::text FROM intake_batch
            WHERE completed_at > @after AND completed_at <= @through AND (@d::text IS NULL OR department = @d) AND report IS NOT NULL
            ORDER BY completed_at, department, batch_id
            """, connection, transaction);
        command.Parameters.AddWithValue("after", after);
        command.Parameters.AddWithValue("through", through);
        command.Parameters.AddWithValue("d", NpgsqlDbType.Text, (object?)department ?? DBNull.Value);
        var batches = new List<CompletedBatch>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            using var report = JsonDocument.Parse(reader.GetString(6));
            int Count(string name) => report.RootElement.TryGetProperty(name, out var value) && value.TryGetInt32(out var n) ? n : 0;
            batches.Add(new CompletedBatch(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5), Count("received"), Count("accepted"),
                Count("rejected"), Count("warnings"), Count("unchanged")));
        }

        return batches;
    }

    /// <summary>The earliest time a batch of the feed was completed, or null when none was.</summary>
    public static async Task<DateTimeOffset?> FirstAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string department,
        string feed, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT min(completed_at) FROM intake_batch WHERE department = @d AND feed = @f AND completed_at IS NOT NULL", connection, transaction);
        command.Parameters.AddWithValue("d", department);
        command.Parameters.AddWithValue("f", feed);
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime utc ? new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)) : null;
    }

    /// <summary>How many lines of the department's batches completed in the range had each problem code, for lines of the
    /// given outcome (<c>rejected</c>: errors; <c>accepted</c>: warnings).</summary>
    public static async Task<Dictionary<string, int>> ProblemCodesAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction,
        string department, DateTimeOffset after, DateTimeOffset through, string outcome, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT p ->> 'code', count(DISTINCT (l.batch_id, l.line_no))
            FROM intake_batch b
            JOIN intake_line l ON l.department = b.department AND l.batch_id = b.batch_id
            LEFT JOIN intake_problem_set s ON s.hash = l.problem_set
            CROSS JOIN LATERAL jsonb_array_elements(coalesce(l.problems, s.problems, '[]'::jsonb)) p
            WHERE b.department = @d AND b.completed_at > @after AND b.completed_at <= @through AND l.outcome = @o
            GROUP BY 1 ORDER BY 1
            """, connection, transaction);
        command.Parameters.AddWithValue("d", department);
        command.Parameters.AddWithValue("after", after);
        command.Parameters.AddWithValue("through", through);
        command.Parameters.AddWithValue("o", outcome);
        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!reader.IsDBNull(0))
            {
                codes[reader.GetString(0)] = (int)reader.GetInt64(1);
            }
        }

        return codes;
    }
}
