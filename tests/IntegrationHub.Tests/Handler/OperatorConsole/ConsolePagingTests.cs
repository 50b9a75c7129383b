namespace IntegrationHub.Tests.Handler.OperatorConsole;

/// <summary>The console's long lists read from the database: the dashboard counts every standing feed alert, not the first
/// page of them.</summary>
public sealed class ConsolePagingTests() : SignedInConsoleTests("paula")
{
    [Fact]
    public async Task Dashboard_TwentyFiveStandingAlertsOfEachKind_CountsThemAll()
    {
        await Hub.CountAsync("""
            INSERT INTO exchange_feed_alert (department, feed, kind, alert_key, detail, raised_at)
            SELECT 'hr', 'feed-' || i, 'overdue', 'k', '{}'::jsonb, now() FROM generate_series(1, 25) i
            UNION ALL
            SELECT 'hr', 'feed-1', 'overdue', 'k-' || i, '{}'::jsonb, now() FROM generate_series(1, 3) i
            UNION ALL
            SELECT 'ps', 'household-registration', 'anomalous', 'batch-' || i, '{}'::jsonb, now() FROM generate_series(1, 25) i
            """);

        var (_, html, _) = await Client.GetAsync("/console/");

        // Overdue counts feeds (feed-1 stands overdue four times), anomalous counts batches.
        Assert.Equal("25", CardValue(html, "overdue-feeds"));
        Assert.Equal("25", CardValue(html, "anomalous-batches"));
    }

    private static string CardValue(string html, string card)
    {
        var value = html[html.IndexOf($"id=\"card-{card}\"", StringComparison.Ordinal)..];
        value = value[(value.IndexOf("<div class=\"value\">", StringComparison.Ordinal) + "<div class=\"value\">".Length)..];
        return value[..value.IndexOf('<', StringComparison.Ordinal)];
    }
}
