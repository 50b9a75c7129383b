using IntegrationHub.Intake.Published;

namespace IntegrationHub.Flows.Exchange.Feeds;

/// <summary>
/// Watches the feeds: records the size of every batch intake completes and raises <c>feed.anomalous</c> when one is smaller
/// than the feed's share of the median of its previous batches (at least <see cref="MinimumHistory"/> of them), and
/// <c>feed.overdue</c> when a feed with a due schedule completed no batch between its last two due times. Each alert is
/// raised once (a row of <c>exchange_feed_alert</c>, its key refusing a second) with its event, in one transaction.
/// </summary>
/// <remarks>A feed is held to its schedule only from its first batch on: a department that never sent it is not yet
/// connected, which the operators know, and a fresh hub would otherwise greet them with an alert for every feed.</remarks>
public sealed class FeedWatch(NpgsqlDataSource dataSource, FeedSchedules schedules, HubCalendar calendar, IOptions<ExchangeFlowOptions> options)
{
    /// <summary>Fewer earlier batches than this make no median worth comparing with.</summary>
    public const int MinimumHistory = 3;

    private static readonly TimeSpan LookBack = TimeSpan.FromDays(400);

    /// <summary>Looks at the batches completed since the last run and at every due time; returns the alerts raised.</summary>
    public async Task<IReadOnlyList<FeedAlert>> RunAsync(CancellationToken cancellationToken)
    {
        var now = calendar.Now;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var alerts = new List<FeedAlert>();
        await RecordSizesAsync(connection, transaction, now, alerts, cancellationToken);
        await CheckDueAsync(connection, transaction, now, alerts, cancellationToken);
        await EventOutbox.AppendAsync(connection, transaction, [.. alerts.Select(a => a.ToEvent(now))], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return alerts;
    }

    private async Task RecordSizesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DateTimeOffset now, List<FeedAlert> alerts,
        CancellationToken cancellationToken)
    {
        await using var last = new NpgsqlCommand("SELECT max(completed_at) FROM exchange_feed_batch", connection, transaction);
        // An hour back: a batch that completed just before the last run but committed after it is taken now.
        var after = await last.ExecuteScalarAsync(cancellationToken) is DateTime utc
            ? new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)) - TimeSpan.FromHours(1)
            : now - LookBack;
        foreach (var batch in await CompletedBatches.BetweenAsync(connection, transaction, after, now, null, cancellationToken))
        {
            await using var insert = new NpgsqlCommand("""
                INSERT INTO exchange_feed_batch (department, batch_id, feed, completed_at, received) VALUES (@d, @b, @f, @c, @r)
                ON CONFLICT (department, batch_id) DO NOTHING RETURNING 1
                """, connection, transaction);
            insert.Parameters.AddWithValue("d", batch.Department);
            insert.Parameters.AddWithValue("b", batch.BatchId);
            insert.Parameters.AddWithValue("f", batch.Feed);
            insert.Parameters.AddWithValue("c", batch.CompletedAt);
            insert.Parameters.AddWithValue("r", batch.Received);
            if (await insert.ExecuteScalarAsync(cancellationToken) is null)
            {
                continue;
            }

            var (share, history) = schedules.DefaultsFor(batch.Department, batch.Feed, options);
            var sizes = await HistoryAsync(connection, transaction, batch, history, cancellationToken);
            if (sizes.Count < Math.Min(MinimumHistory, history))
            {
                continue;
            }

            var median = Median(sizes);
            if (batch.Received < share * median)
            {
                await RaiseAsync(connection, transaction, alerts, new FeedAlert(batch.Department, batch.Feed, FeedAlert.Anomalous, batch.BatchId,
                    new JsonObject
                    {
                        ["batchId"] = batch.BatchId, ["received"] = batch.Received, ["median"] = median, ["threshold"] = share,
                        ["history"] = sizes.Count,
                    }), now, cancellationToken);
            }
        }
    }

    private async Task CheckDueAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DateTimeOffset now, List<FeedAlert> alerts,
        CancellationToken cancellationToken)
    {
        foreach (var expected in schedules.Expected.Where(e => e.Due is not null))
        {
            var due = Latest(expected.Due!, now);
            var previous = due is { } d ? Latest(expected.Due!, d.AddSeconds(-1)) : null;
            if (due is null || previous is null
                || await CompletedBatches.FirstAsync(connection, transaction, expected.Department, expected.Feed, cancellationToken) is not { } first
                || first > previous)
            {
                continue;
            }

            await using var arrived = new NpgsqlCommand("""
                SELECT max(completed_at) FILTER (WHERE completed_at > @from AND completed_at <= @to), max(completed_at)
                FROM exchange_feed_batch WHERE department = @d AND feed = @f
                """, connection, transaction);
            arrived.Parameters.AddWithValue("d", expected.Department);
            arrived.Parameters.AddWithValue("f", expected.Feed);
            arrived.Parameters.AddWithValue("from", previous.Value);
            arrived.Parameters.AddWithValue("to", due.Value);
            await using var reader = await arrived.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var inWindow = !reader.IsDBNull(0);
            var lastBatch = reader.IsDBNull(1) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(1);
            await reader.CloseAsync();
            if (!inWindow)
            {
                await RaiseAsync(connection, transaction, alerts, new FeedAlert(expected.Department, expected.Feed, FeedAlert.Overdue,
                    due.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
                    new JsonObject { ["dueAt"] = due.Value, ["windowStart"] = previous.Value, ["lastBatchAt"] = lastBatch }), now, cancellationToken);
            }
        }
    }

    private DateTimeOffset? Latest(Platform.Time.CronSchedule schedule, DateTimeOffset at)
    {
        DateTimeOffset? latest = null;
        for (var t = schedule.Next(at - LookBack, schedules.UtcOffset); t <= at; t = schedule.Next(t, schedules.UtcOffset))
        {
            latest = t;
        }

        return latest;
    }

    private static async Task<List<int>> HistoryAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CompletedBatch batch, int history,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT received FROM exchange_feed_batch
            WHERE department = @d AND feed = @f AND received > 0 AND (completed_at, batch_id) < (@c, @b)
            ORDER BY completed_at DESC, batch_id DESC LIMIT @n
            """, connection, transaction);
        command.Parameters.AddWithValue("d", batch.Department);
        command.Parameters.AddWithValue("f", batch.Feed);
        command.Parameters.AddWithValue("c", batch.CompletedAt);
        command.Parameters.AddWithValue("b", batch.BatchId);
        command.Parameters.AddWithValue("n", history);
        var sizes = new List<int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            sizes.Add(reader.GetInt32(0));
        }

        return sizes;
    }

    private static double Median(List<int> sizes)
    {
        var sorted = sizes.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2.0;
    }

    private static async Task RaiseAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<FeedAlert> alerts, FeedAlert alert,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO exchange_feed_alert (department, feed, kind, alert_key, detail, raised_at) VALUES (@d, @f, @k, @key, @detail::jsonb, @now)
            ON CONFLICT (department, feed, kind, alert_key) DO NOTHING RETURNING 1
            """, connection, transaction);
        command.Parameters.AddWithValue("d", alert.Department);
        command.Parameters.AddWithValue("f", alert.Feed);
        command.Parameters.AddWithValue("k", alert.Kind);
        command.Parameters.AddWithValue("key", alert.Key);
        command.Parameters.AddWithValue("detail", alert.Detail.ToJsonString());
        command.Parameters.AddWithValue("now", now);
        if (await command.ExecuteScalarAsync(cancellationToken) is not null)
        {
            alerts.Add(alert);
        }
    }
}

/// <summary>An alert about a feed: overdue (key: the due time missed) or anomalous (key: the batch).</summary>
public sealed record FeedAlert(string Department, string Feed, string Kind, string Key, JsonObject Detail)
{
    public const string Overdue = "overdue";
    public const string Anomalous = "anomalous";

    /// <summary>The event's subject: the feed, since no person is concerned.</summary>
    public string Subject => $"feed:{Department}/{Feed}";

    internal EventDraft ToEvent(DateTimeOffset now)
    {
        var data = new JsonObject { ["department"] = Department, ["feed"] = Feed };
        foreach (var (name, value) in Detail)
        {
            data[name] = value?.DeepClone();
        }

        return new EventDraft(Kind == Overdue ? EventTypes.FeedOverdue : EventTypes.FeedAnomalous, Subject, now, data);
    }
}
