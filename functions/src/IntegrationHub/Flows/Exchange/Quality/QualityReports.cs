using IntegrationHub.Identity.Review;
using IntegrationHub.Intake.Published;
using IntegrationHub.Labor;

namespace IntegrationHub.Flows.Exchange.Quality;

/// <summary>Works out a department's monthly quality summary from intake's batches and line problems, identity's review
/// items and the feed alerts.</summary>
public sealed class QualityReports(NpgsqlDataSource dataSource, HubCalendar calendar)
{
    public async Task<QualitySummary> ForMonthAsync(string department, Month month, CancellationToken cancellationToken)
    {
        var from = calendar.StartOf(month.FirstDay);
        var to = calendar.StartOf(month.Plus(1).FirstDay);
        var before = from.AddTicks(-1);
        var through = to.AddTicks(-1);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var batches = await CompletedBatches.BetweenAsync(connection, null, before, through, department, cancellationToken);
        var rejected = await CompletedBatches.ProblemCodesAsync(connection, null, department, before, through, "rejected", cancellationToken);
        var warnings = await CompletedBatches.ProblemCodesAsync(connection, null, department, before, through, "accepted", cancellationToken);
        var reviews = await ReviewCounts.CreatedAsync(connection, null, department, from, to, cancellationToken);
        var alerts = new List<QualityAlert>();
        await using (var command = new NpgsqlCommand("""
            SELECT feed, kind, alert_key, raised_at FROM exchange_feed_alert
            WHERE department = @d AND raised_at >= @from AND raised_at < @to ORDER BY raised_at, feed, kind
            """, connection))
        {
            command.Parameters.AddWithValue("d", department);
            command.Parameters.AddWithValue("from", from);
            command.Parameters.AddWithValue("to", to);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                alerts.Add(new QualityAlert(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
            }
        }

        return new QualitySummary(department, month.ToString(), calendar.Now >= to, batches.Count, batches.Sum(b => b.Received),
            batches.Sum(b => b.Accepted), batches.Sum(b => b.Unchanged), batches.Sum(b => b.Rejected), batches.Sum(b => b.Warnings),
            rejected, warnings, warnings.GetValueOrDefault("invalid-id"), reviews,
            [.. batches.GroupBy(b => b.Feed).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new QualityFeed(g.Key, g.Count(), g.Sum(b => b.Received), g.Sum(b => b.Rejected)))],
            alerts);
    }

    /// <summary>Parses <c>YYYY-MM</c>.</summary>
    public static Month? ParseMonth(string? text) => Month.Parse(text);

    /// <summary>This month in China time.</summary>
    public Month ThisMonth => Month.Of(calendar.Today);

    public static string Stem(Month month) => "quality-" + month.ToString().ToString(CultureInfo.InvariantCulture);
}
