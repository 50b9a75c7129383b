using IntegrationHub.Flows.Exchange.Delivery;
using IntegrationHub.Intake.Exchange;
using IntegrationHub.Labor;

namespace IntegrationHub.Flows.Exchange.Quality;

/// <summary>
/// Writes each department's quality summary of a month into <c>{outbox}/{department}/quality/quality-YYYY-MM.json</c>
/// (atomically): the month just ended once, on the first run after it ends (a row of <c>exchange_delivery</c>, kind
/// <c>quality</c>, slot the month's start); a failed write stays pending with its reason and is tried on the next run.
/// </summary>
public sealed class QualityDelivery(
    NpgsqlDataSource dataSource,
    QualityReports reports,
    AuditLog audit,
    HubCalendar calendar,
    IOptions<ExchangeFlowOptions> options,
    IOptions<ExchangeOptions> exchange)
{
    public const string Kind = "quality";

    public string FolderOf(string department) => Path.GetFullPath(Path.Join(
        options.Value.Outbox ?? Path.Join(exchange.Value.Root, "outbox"), department, Kind));

    /// <summary>Adds last month's summaries if not yet there and writes every pending one; returns the files written.</summary>
    public async Task<IReadOnlyList<string>> RunDueAsync(CancellationToken cancellationToken)
    {
        var lastMonth = Month.Of(calendar.Today).Plus(-1);
        foreach (var department in Departments.All)
        {
            await using var add = dataSource.CreateCommand("""
                INSERT INTO exchange_delivery (department, kind, slot, status, next_attempt) VALUES (@d, @k, @slot, 'pending', @slot)
                ON CONFLICT (department, kind, slot) DO NOTHING
                """);
            add.Parameters.AddWithValue("d", department);
            add.Parameters.AddWithValue("k", Kind);
            add.Parameters.AddWithValue("slot", calendar.StartOf(lastMonth.FirstDay));
            await add.ExecuteNonQueryAsync(cancellationToken);
        }

        var written = new List<string>();
        await using var pending = dataSource.CreateCommand(
            "SELECT department, slot FROM exchange_delivery WHERE kind = @k AND status = 'pending' AND next_attempt <= @now ORDER BY slot, department");
        pending.Parameters.AddWithValue("k", Kind);
        pending.Parameters.AddWithValue("now", calendar.Now);
        var due = new List<(string Department, DateTimeOffset Slot)>();
        await using (var reader = await pending.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                due.Add((reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1)));
            }
        }

        foreach (var (department, slot) in due)
        {
            if (await WriteAsync(department, Month.Of(calendar.DateOf(slot)), slot, cancellationToken) is { } file)
            {
                written.Add(file);
            }
        }

        return written;
    }

    /// <summary>Writes this month's summary so far for every department (<c>./hub exchange run</c>).</summary>
    public async Task<IReadOnlyList<string>> RunNowAsync(CancellationToken cancellationToken)
    {
        var written = new List<string>();
        foreach (var department in Departments.All)
        {
            var folder = new OutboxFolder(FolderOf(department));
            var summary = await reports.ForMonthAsync(department, reports.ThisMonth, cancellationToken);
            written.Add(await folder.WriteAsync(QualityReports.Stem(reports.ThisMonth) + ".json",
                stream => JsonSerializer.SerializeAsync(stream, summary, DeliveryFiles.Json, cancellationToken), cancellationToken));
        }

        return written;
    }

    private async Task<string?> WriteAsync(string department, Month month, DateTimeOffset slot, CancellationToken cancellationToken)
    {
        var summary = await reports.ForMonthAsync(department, month, cancellationToken);
        var folder = new OutboxFolder(FolderOf(department));
        string? file = null;
        string? error = null;
        try
        {
            file = await folder.WriteAsync(QualityReports.Stem(month) + ".json",
                stream => JsonSerializer.SerializeAsync(stream, summary, DeliveryFiles.Json, cancellationToken), cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            error = $"cannot write to {folder.Directory}: {exception.Message}";
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var update = new NpgsqlCommand($"""
            UPDATE exchange_delivery SET attempts = attempts + 1, last_error = @error,
                {(file is null ? "next_attempt = @now + interval '1 minute' * least(60, power(2, attempts))" : "status = 'delivered', delivered_at = @now, files = @files::jsonb")}
            WHERE department = @d AND kind = @k AND slot = @slot
            """, connection, transaction))
        {
            update.Parameters.AddWithValue("d", department);
            update.Parameters.AddWithValue("k", Kind);
            update.Parameters.AddWithValue("slot", slot);
            update.Parameters.AddWithValue("now", calendar.Now);
            update.Parameters.AddWithValue("error", NpgsqlTypes.NpgsqlDbType.Text, (object?)error ?? DBNull.Value);
            update.Parameters.AddWithValue("files", JsonSerializer.Serialize(new[] { file is null ? "" : Path.GetFileName(file) }));
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await audit.AppendAsync(connection, transaction, new AuditEntry("hub", file is null ? "quality.delivery-failed" : "quality.delivered",
            "data-quality-feedback", department, JsonSerializer.Serialize(new { month = month.ToString(), file = file is null ? null : Path.GetFileName(file), error })),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return file;
    }
}
