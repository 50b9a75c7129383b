using IntegrationHub.Events.Overview;
using IntegrationHub.Flows.Exchange.Feeds;
using IntegrationHub.Identity;
using IntegrationHub.Intake.Overview;

namespace IntegrationHub.Handler.OperatorConsole.Pages;

/// <summary>The dashboard: today's batches per department, linking's backlog, the review queue, delivery and the audit chain.</summary>
public sealed class DashboardPage(BatchOverview batches, DeliveryOverview deliveries, FeedAlerts feedAlerts, AuditChainWatch chain,
    NpgsqlDataSource dataSource, HubCalendar calendar)
{
    private const int ChartDays = 14;
    /// <summary>The standing alerts the dashboard lists (the cards count them all; the feeds page lists the rest).</summary>
    private const int StandingAlerts = 20;

    public async Task<IResult?> GetAsync(ConsoleRequest request)
    {
        var texts = request.Texts;
        var cancellationToken = request.Aborted;
        var today = calendar.Today;
        var totals = await batches.TotalsForDayAsync(today, cancellationToken);
        var perDay = await batches.PerDayAsync(today, ChartDays, cancellationToken);
        var identity = await IdentityStatus.ReadAsync(dataSource, cancellationToken);
        var lag = await deliveries.LagAsync(calendar.Now, cancellationToken);
        var dead = await deliveries.DeadCountAsync(cancellationToken);
        var audit = await chain.CheckAsync(cancellationToken);
        var (standing, _) = await feedAlerts.ListAsync(standingOnly: true, 0, StandingAlerts, cancellationToken);
        var (overdue, anomalous) = await feedAlerts.CountStandingAsync(cancellationToken);

        var page = request.NewMarkup();
        page.Raw("<section class=\"cards\">");
        Card(page, "link-backlog", texts["link-backlog"], (identity.UnlinkedLines + identity.Deferred).ToString(CultureInfo.InvariantCulture), false);
        Card(page, "review-queue", texts["review-queue"], identity.OpenReviews.ToString(CultureInfo.InvariantCulture), false);
        Card(page, "outbox-lag", texts["outbox-lag"], Duration(lag), lag > TimeSpan.FromMinutes(5));
        Card(page, "dead-letters", texts["dead-letters"], dead.ToString(CultureInfo.InvariantCulture), dead > 0);
        Card(page, "audit-chain", texts["audit-chain"], audit.BrokenSeq is { } seq
            ? texts["audit.broken"] + " " + seq.ToString(CultureInfo.InvariantCulture) : texts["audit.intact"], audit.BrokenSeq is not null,
            string.Format(CultureInfo.InvariantCulture, texts["audit.checked"], audit.VerifiedThrough)
            + (audit.FullCheckAt is { } full ? "; " + string.Format(CultureInfo.InvariantCulture, texts["audit.full"], FindingsPage.Time(full)) : ""));
        Card(page, "persons", texts["nav.persons"], identity.Persons.ToString(CultureInfo.InvariantCulture), false);
        Card(page, "overdue-feeds", texts["feeds.overdue"], overdue.ToString(CultureInfo.InvariantCulture), overdue > 0);
        Card(page, "anomalous-batches", texts["feeds.anomalous"], anomalous.ToString(CultureInfo.InvariantCulture), anomalous > 0);
        page.Raw("</section>");
        if (standing.Count > 0)
        {
            page.Raw("<h2>").Link(request.Url("feeds?standing=1"), texts["feeds.alerts"]).Raw("</h2>");
            FeedsPage.Table(request, page, "standing-alerts", standing);
        }

        page.Raw("<h2>").Text(texts["dashboard.today"]).Raw(" (").Text(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Raw(")</h2><table id=\"today\">").HeaderRow(texts["department"], texts["batches"], texts["accepted"], texts["rejected"], texts["warnings"]);
        foreach (var total in totals)
        {
            page.Raw("<tr>").Raw("<td>").Link(request.Url("batches?department=" + total.Department), total.Department).Raw("</td>");
            foreach (var value in new[] { total.Batches, total.Accepted, total.Rejected, total.Warnings })
            {
                page.Element("td", value.ToString(CultureInfo.InvariantCulture), "num");
            }

            page.Raw("</tr>");
        }

        page.Raw("</table><h2>").Text(texts["chart.per-day"]).Raw("</h2>").Raw(BatchChart.Render(perDay, today, ChartDays, texts["chart.per-day"]));
        return ConsoleResults.Page(request, texts["nav.dashboard"], page.ToString());
    }

    private static void Card(Markup page, string id, string label, string value, bool bad, string? note = null) =>
        page.Raw($"<div class=\"card{(bad ? " bad" : "")}\" id=\"card-{id}\"><div class=\"label\">").Text(label)
            .Raw("</div><div class=\"value\">").Text(value).Raw("</div>").Raw(note is null ? "" : "<div class=\"note\">" + page.Encode(note) + "</div>")
            .Raw("</div>");

    private static string Duration(TimeSpan span) => span.TotalSeconds < 1 ? "0 s"
        : span.TotalMinutes < 2 ? $"{span.TotalSeconds:0} s"
        : span.TotalHours < 2 ? $"{span.TotalMinutes:0} min"
        : $"{span.TotalHours:0.0} h";
}
