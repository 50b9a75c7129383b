using IntegrationHub.Flows.Exchange.Findings;
using IntegrationHub.Intake.Exchange;

namespace IntegrationHub.Flows.Exchange.Delivery;

/// <summary>
/// Delivers each department's findings on its schedule as NDJSON and a manifest in <c>{outbox}/{department}/findings/</c>:
/// every finding that changed since the department's last delivered file. A delivery is a row of <c>exchange_delivery</c>
/// (one per department and slot, made once whatever the number of hubs: the key refuses a second); it stays pending until
/// its files are written. A failed write (say, the folder is not writable) is audited and logged as an alert with the
/// reason and tried again later, and since the next file starts where the last delivered one ended, nothing is lost.
/// </summary>
public sealed partial class FindingsDelivery(
    NpgsqlDataSource dataSource,
    FindingQueries queries,
    DeliverySchedules schedules,
    AuditLog audit,
    HubCalendar calendar,
    IOptions<ExchangeFlowOptions> options,
    IOptions<ExchangeOptions> exchange,
    ILogger<FindingsDelivery> logger)
{
    public const string Kind = "findings";

    /// <summary>How far back a department's first slot is looked for.</summary>
    private static readonly TimeSpan LookBack = TimeSpan.FromDays(32);

    /// <summary>The folder a department's findings go to.</summary>
    public string FolderOf(string department) => Path.GetFullPath(Path.Join(
        options.Value.Outbox ?? Path.Join(exchange.Value.Root, "outbox"), department, Kind));

    /// <summary>Records the slots that came due and delivers every pending delivery whose attempt is due; returns the
    /// outcomes of the attempts made.</summary>
    public async Task<IReadOnlyList<DeliveryOutcome>> RunDueAsync(CancellationToken cancellationToken)
    {
        var now = calendar.Now;
        foreach (var department in Departments.All)
        {
            var last = await LastSlotAsync(department, cancellationToken);
            var lookBack = last is { } previous && now - previous < LookBack ? now - previous : LookBack;
            if (schedules.LatestSlot(department, now, lookBack) is { } slot && slot > (last ?? DateTimeOffset.MinValue))
            {
                await AddAsync(department, slot, cancellationToken);
            }
        }

        return await AttemptDueAsync(options.Value.SettleMargin, cancellationToken);
    }

    /// <summary>A delivery for every department now, whatever the schedules say (<c>./hub exchange run</c>).</summary>
    public async Task<IReadOnlyList<DeliveryOutcome>> RunNowAsync(CancellationToken cancellationToken)
    {
        foreach (var department in Departments.All)
        {
            await AddAsync(department, calendar.Now, cancellationToken);
        }

        return await AttemptDueAsync(TimeSpan.Zero, cancellationToken);
    }

    private async Task<DateTimeOffset?> LastSlotAsync(string department, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT max(slot) FROM exchange_delivery WHERE department = @d AND kind = @k");
        command.Parameters.AddWithValue("d", department);
        command.Parameters.AddWithValue("k", Kind);
        return Instant(await command.ExecuteScalarAsync(cancellationToken));
    }

    private async Task AddAsync(string department, DateTimeOffset slot, CancellationToken cancellationToken)
    {
        // Two hubs (or overlapping runs) may both see the slot come due: the primary key keeps one row.
        await using var command = dataSource.CreateCommand("""
            INSERT INTO exchange_delivery (department, kind, slot, status, next_attempt) VALUES (@d, @k, @slot, 'pending', @slot)
            ON CONFLICT (department, kind, slot) DO NOTHING
            """);
        command.Parameters.AddWithValue("d", department);
        command.Parameters.AddWithValue("k", Kind);
        command.Parameters.AddWithValue("slot", slot);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<List<DeliveryOutcome>> AttemptDueAsync(TimeSpan margin, CancellationToken cancellationToken)
    {
        var outcomes = new List<DeliveryOutcome>();
        while (await AttemptOneAsync(margin, cancellationToken) is { } outcome)
        {
            outcomes.Add(outcome);
        }

        return outcomes;
    }

    /// <summary>Attempts the oldest due pending delivery (skipping those another run holds); null when none is due.</summary>
    private async Task<DeliveryOutcome?> AttemptOneAsync(TimeSpan margin, CancellationToken cancellationToken)
    {
        var now = calendar.Now;
        var through = now - margin;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        string department;
        DateTimeOffset slot;
        int attempts;
        await using (var claim = new NpgsqlCommand("""
            SELECT department, slot, attempts FROM exchange_delivery
            WHERE kind = @k AND status = 'pending' AND next_attempt <= @now
            ORDER BY next_attempt, department LIMIT 1 FOR UPDATE SKIP LOCKED
            """, connection, transaction))
        {
            claim.Parameters.AddWithValue("k", Kind);
            claim.Parameters.AddWithValue("now", now);
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            (department, slot, attempts) = (reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetInt32(2));
        }

        var since = await DeliveredThroughAsync(connection, transaction, department, cancellationToken);
        var findings = await queries.ReadAsync(connection, transaction, department, new FindingFilter(since, null, null), through, cancellationToken);
        var stem = $"findings-{slot.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}";
        var folder = new OutboxFolder(FolderOf(department));
        try
        {
            var manifest = new Dictionary<string, object?>
            {
                ["department"] = department, ["kind"] = Kind, ["slot"] = slot, ["generatedAt"] = now, ["since"] = since, ["through"] = through,
                ["counts"] = new Dictionary<string, object>
                {
                    ["open"] = findings.Count(f => f.Status == "open"),
                    ["resolved"] = findings.Count(f => f.Status == "resolved"),
                    ["byRule"] = findings.GroupBy(f => f.RuleId).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
                },
            };
            var (file, manifestName, sha256) = await DeliveryFiles.WriteAsync(folder, stem, findings, manifest, cancellationToken);
            await MarkDeliveredAsync(connection, transaction, department, slot, since, through, now, [file, manifestName], cancellationToken);
            await audit.AppendAsync(connection, transaction, new AuditEntry("hub", "findings.delivered", "comparison-feedback", department,
                JsonSerializer.Serialize(new { file, records = findings.Count, sha256, slot, attempt = attempts + 1 })), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new DeliveryOutcome(department, slot, true, findings.Count, Path.Join(folder.Directory, file), null);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            var reason = $"cannot write to {folder.Directory}: {exception.Message}";
            var delay = TimeSpan.FromTicks(Math.Min(options.Value.MaxRetryDelay.Ticks, options.Value.RetryDelay.Ticks << Math.Min(attempts, 20)));
            await MarkFailedAsync(connection, transaction, department, slot, reason, now + delay, cancellationToken);
            await audit.AppendAsync(connection, transaction, new AuditEntry("hub", "findings.delivery-failed", "comparison-feedback", department,
                JsonSerializer.Serialize(new { reason, slot, attempt = attempts + 1, retryAt = now + delay })), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            LogDeliveryFailed(logger, department, attempts + 1, reason, now + delay);
            return new DeliveryOutcome(department, slot, false, findings.Count, null, reason);
        }
    }

    private static async Task<DateTimeOffset?> DeliveredThroughAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string department,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT max(through) FROM exchange_delivery WHERE department = @d AND kind = @k AND status = 'delivered'", connection, transaction);
        command.Parameters.AddWithValue("d", department);
        command.Parameters.AddWithValue("k", Kind);
        return Instant(await command.ExecuteScalarAsync(cancellationToken));
    }

    /// <summary>A scalar timestamptz as Npgsql reads it (a UTC <see cref="DateTime"/>), or null.</summary>
    private static DateTimeOffset? Instant(object? value) => value is DateTime utc ? new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)) : null;

    private static async Task MarkDeliveredAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string department, DateTimeOffset slot,
        DateTimeOffset? since, DateTimeOffset through, DateTimeOffset now, string[] files, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE exchange_delivery SET status = 'delivered', attempts = attempts + 1, since = @since, through = @through,
                files = @files::jsonb, delivered_at = @now, last_error = NULL
            WHERE department = @d AND kind = @k AND slot = @slot
            """, connection, transaction);
        command.Parameters.AddWithValue("d", department);
        command.Parameters.AddWithValue("k", Kind);
        command.Parameters.AddWithValue("slot", slot);
        command.Parameters.AddWithValue("since", NpgsqlTypes.NpgsqlDbType.TimestampTz, (object?)since ?? DBNull.Value);
        command.Parameters.AddWithValue("through", through);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("files", JsonSerializer.Serialize(files));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task MarkFailedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string department, DateTimeOffset slot,
        string reason, DateTimeOffset retryAt, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE exchange_delivery SET attempts = attempts + 1, last_error = @reason, next_attempt = @retry
            WHERE department = @d AND kind = @k AND slot = @slot
            """, connection, transaction);
        command.Parameters.AddWithValue("d", department);
        command.Parameters.AddWithValue("k", Kind);
        command.Parameters.AddWithValue("slot", slot);
        command.Parameters.AddWithValue("reason", reason);
        command.Parameters.AddWithValue("retry", retryAt);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error,
        Message = "ALERT findings delivery to {Department} failed (attempt {Attempt}): {Reason}; retrying at {RetryAt}")]
    private static partial void LogDeliveryFailed(ILogger logger, string department, int attempt, string reason, DateTimeOffset retryAt);
}

/// <summary>One delivery attempt: delivered with its file, or not with the reason.</summary>
public sealed record DeliveryOutcome(string Department, DateTimeOffset Slot, bool Delivered, int Findings, string? File, string? Error);
