namespace IntegrationHub.Intake.Overview;

/// <summary>The batches as an operator surveys them: totals per department, batches per day, and a paged list.</summary>
/// <remarks>Reads only the stored reports' counts: nothing here is personal data, so the reads are not audited.</remarks>
public sealed class BatchOverview(NpgsqlDataSource dataSource, HubCalendar calendar)
{
    /// <summary>Totals per department of the batches started on the day (the hub's calendar), every department listed.</summary>
    public async Task<IReadOnlyList<DepartmentBatchTotals>> TotalsForDayAsync(DateOnly day, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT d.department, count(b.batch_id)::int, coalesce(sum((b.report->>'accepted')::bigint), 0)::bigint,
                   coalesce(sum((b.report->>'rejected')::bigint), 0)::bigint, coalesce(sum((b.report->>'warnings')::bigint), 0)::bigint
            FROM unnest(@departments) AS d(department)
            LEFT JOIN intake_batch b ON b.department = d.department AND b.started_at >= @from AND b.started_at < @to
            GROUP BY d.department
            """);
        command.Parameters.AddWithValue("departments", Platform.Departments.All.ToArray());
        command.Parameters.AddWithValue("from", calendar.StartOf(day));
        command.Parameters.AddWithValue("to", calendar.StartOf(day.AddDays(1)));
        var totals = new List<DepartmentBatchTotals>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            totals.Add(new DepartmentBatchTotals(reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4)));
        }

        return [.. totals.OrderBy(t => Platform.Departments.All.ToList().IndexOf(t.Department))];
    }

    /// <summary>Batches per department per day for the days ending with <paramref name="last"/>; days without any are absent.</summary>
    public async Task<IReadOnlyList<DailyBatchCount>> PerDayAsync(DateOnly last, int days, CancellationToken cancellationToken)
    {
        var first = last.AddDays(1 - days);
        await using var command = dataSource.CreateCommand("""
            SELECT ((started_at AT TIME ZONE 'UTC') + @offset)::date, department, count(*)::int FROM intake_batch
            WHERE started_at >= @from AND started_at < @to GROUP BY 1, 2 ORDER BY 1, 2
            """);
        command.Parameters.AddWithValue("offset", OffsetOf(last));
        command.Parameters.AddWithValue("from", calendar.StartOf(first));
        command.Parameters.AddWithValue("to", calendar.StartOf(last.AddDays(1)));
        var counts = new List<DailyBatchCount>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts.Add(new DailyBatchCount(reader.GetFieldValue<DateOnly>(0), reader.GetString(1), reader.GetInt32(2)));
        }

        return counts;
    }

    /// <summary>A page of batches, newest first, of one department or all; with how many there are in all.</summary>
    public async Task<(IReadOnlyList<BatchSummary> Page, long Total)> ListAsync(string? department, int offset, int limit,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT department, batch_id, feed, channel, coalesce(report->>'status', 'incomplete'), started_at,
                   coalesce((report->>'received')::int, 0), coalesce((report->>'accepted')::int, 0),
                   coalesce((report->>'rejected')::int, 0), coalesce((report->>'warnings')::int, 0), count(*) OVER ()
            FROM intake_batch WHERE @department::text IS NULL OR department = @department
            ORDER BY started_at DESC, department, batch_id OFFSET @offset LIMIT @limit
            """);
        command.Parameters.Add(new NpgsqlParameter("department", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)department ?? DBNull.Value });
        var (page, total) = await command.ReadPageAsync(offset, limit, reader => new BatchSummary(reader.GetString(0),
            reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5),
            reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8), reader.GetInt32(9)), cancellationToken);
        if (page.Count == 0 && offset > 0)
        {
            total = (await ListAsync(department, 0, 1, cancellationToken)).Total;
        }

        return (page, total);
    }

    // The calendar's offset from UTC, read off the instant its day begins (the calendar keeps one offset all year).
    private TimeSpan OffsetOf(DateOnly day) => day.ToDateTime(TimeOnly.MinValue) - calendar.StartOf(day).UtcDateTime;
}
