namespace IntegrationHub.Flows.Exchange.Feeds;

/// <summary>The feed alerts raised so far, newest first, each with whether it still stands: a feed stops being overdue, and an
/// anomalous batch stops being its feed's latest, once a batch of the feed completes after the alert was raised.</summary>
public sealed class FeedAlerts(NpgsqlDataSource dataSource)
{
    /// <summary>Every alert with its feed's latest completed batch and whether it still stands (no batch completed since).</summary>
    private const string WithStanding = """
        SELECT a.*, b.last_batch_at, b.last_batch_at IS NULL OR b.last_batch_at <= a.raised_at AS standing
        FROM exchange_feed_alert a
        LEFT JOIN LATERAL (
            SELECT max(completed_at) AS last_batch_at FROM exchange_feed_batch f WHERE f.department = a.department AND f.feed = a.feed
        ) b ON true
        """;

    /// <summary>A page of the alerts (only those still standing when <paramref name="standingOnly"/>) and how many there are.</summary>
    public async Task<(IReadOnlyList<FeedAlertView> Alerts, long Total)> ListAsync(bool standingOnly, int offset, int limit,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            WITH alert AS ({WithStanding})
            SELECT department, feed, kind, alert_key, detail::text, raised_at, last_batch_at, standing, count(*) OVER ()
            FROM alert
            WHERE NOT @standingOnly OR standing
            ORDER BY raised_at DESC, department, feed, kind
            OFFSET @offset LIMIT @limit
            """);
        command.Parameters.AddWithValue("standingOnly", standingOnly);
        command.Parameters.AddWithValue("offset", offset);
        command.Parameters.AddWithValue("limit", limit);
        var alerts = new List<FeedAlertView>();
        var total = 0L;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            alerts.Add(new FeedAlertView(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                JsonNode.Parse(reader.GetString(4))!.AsObject(), reader.GetFieldValue<DateTimeOffset>(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6), reader.GetBoolean(7)));
            total = reader.GetInt64(8);
        }

        return (alerts, total);
    }

    /// <summary>How many feeds stand overdue and how many anomalous batches stand, counted in the database (every standing
    /// alert, however many).</summary>
    /// <remarks>A feed overdue is counted once however many of its overdue alerts stand; an anomalous batch is one alert.</remarks>
    public async Task<(long Overdue, long Anomalous)> CountStandingAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            WITH alert AS ({WithStanding})
            SELECT count(DISTINCT (department, feed)) FILTER (WHERE kind = '{FeedAlert.Overdue}'),
                   count(*) FILTER (WHERE kind = '{FeedAlert.Anomalous}')
            FROM alert
            WHERE standing
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}

/// <summary>A feed alert (<see cref="FeedAlert.Overdue"/> or <see cref="FeedAlert.Anomalous"/>) with its feed's latest batch and
/// whether it still stands.</summary>
public sealed record FeedAlertView(string Department, string Feed, string Kind, string Key, JsonObject Detail, DateTimeOffset RaisedAt,
    DateTimeOffset? LastBatchAt, bool Standing);
