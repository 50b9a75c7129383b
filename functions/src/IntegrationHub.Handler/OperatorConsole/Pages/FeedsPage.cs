using IntegrationHub.Flows.Exchange.Feeds;

namespace IntegrationHub.Handler.OperatorConsole.Pages;

/// <summary>The feed alerts the exchange raised (a feed overdue, a batch far smaller than usual), newest first and paged, each
/// with whether it still stands; the dashboard shows the standing ones.</summary>
public sealed class FeedsPage(FeedAlerts alerts)
{
    public async Task<IResult?> ListAsync(ConsoleRequest request)
    {
        var texts = request.Texts;
        var standingOnly = request.Query("standing") == "1";
        var number = request.PageNumber;
        var (found, total) = await alerts.ListAsync(standingOnly, Pager.Offset(number), Pager.PageSize, request.Aborted);
        var page = request.NewMarkup();
        page.FilterForm(request.Url("feeds")).Select("standing", [("1", texts["current"])], standingOnly ? "1" : null, texts["all"])
            .EndFilterForm(texts["filter"]);
        Table(request, page, "feed-alerts", found);
        page.Raw(Pager.Render(request, request.Url("feeds" + (standingOnly ? "?standing=1" : "")), number, total));
        return ConsoleResults.Page(request, texts["feeds.alerts"], page.ToString());
    }

    /// <summary>The alerts as a table (this page's, and the dashboard's standing ones).</summary>
    public static void Table(ConsoleRequest request, Markup page, string id, IReadOnlyList<FeedAlertView> found)
    {
        var texts = request.Texts;
        page.Raw($"<div class=\"scroll\"><table id=\"{id}\">").HeaderRow(texts["department"], texts["feed"], texts["kind"], texts["alert-key"],
            texts["raised-at"], texts["last-batch"], texts["current"]);
        foreach (var alert in found)
        {
            page.Raw(alert.Standing ? "<tr class=\"disagree\">" : "<tr>").Element("td", alert.Department).Element("td", alert.Feed)
                .Element("td", texts["kind." + alert.Kind]).Element("td", alert.Key).Element("td", FindingsPage.Time(alert.RaisedAt))
                .Element("td", FindingsPage.Time(alert.LastBatchAt)).Element("td", texts[alert.Standing ? "yes" : "no"]).Raw("</tr>");
        }

        page.Raw("</table></div>");
    }
}
