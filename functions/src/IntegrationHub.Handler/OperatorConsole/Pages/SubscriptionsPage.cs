using IntegrationHub.Events.Dispatch;
using IntegrationHub.Events.Overview;

namespace IntegrationHub.Handler.OperatorConsole.Pages;

/// <summary>The subscriptions with their deliveries by state, one subscription's dead letters (paged), and the redrive.</summary>
/// <remarks>A redrive returns at once: the dispatcher sends the revived deliveries in the background, and the page refreshes
/// itself while any are pending, counting them down.</remarks>
public sealed class SubscriptionsPage(DeliveryOverview overview, Redrive redrive)
{
    public async Task<IResult?> ListAsync(ConsoleRequest request)
    {
        var texts = request.Texts;
        var states = await overview.StatesAsync(request.Aborted);
        var page = request.NewMarkup();
        page.Raw("<div class=\"scroll\"><table id=\"subscriptions\">").HeaderRow(texts["subscription"], texts["subscriber"], texts["destination"],
            texts["pending"], texts["delivered"], texts["dead-letters"], texts["oldest-pending"], texts["last-delivered"]);
        foreach (var state in states)
        {
            page.Raw(state.Dead > 0 ? "<tr class=\"disagree\"><td>" : "<tr><td>")
                .Link(request.Url("subscriptions/" + Uri.EscapeDataString(state.Name)), state.Name).Raw("</td>")
                .Element("td", state.Subscriber).Element("td", state.DestinationKind)
                .Element("td", Count(state.Pending), "num").Element("td", Count(state.Delivered), "num").Element("td", Count(state.Dead), "num")
                .Element("td", Time(state.OldestPendingEventAt)).Element("td", Time(state.LastDeliveredAt)).Raw("</tr>");
        }

        page.Raw("</table></div>");
        return ConsoleResults.Page(request, texts["nav.subscriptions"], page.ToString(), refresh: states.Any(s => s.Pending > 0));
    }

    public async Task<IResult?> SubscriptionAsync(ConsoleRequest request, string name)
    {
        var texts = request.Texts;
        var state = (await overview.StatesAsync(request.Aborted)).FirstOrDefault(s => s.Name == name);
        if (state is null)
        {
            return null;
        }

        var number = request.PageNumber;
        var (dead, total) = await overview.DeadLettersAsync(name, Pager.Offset(number), Pager.PageSize, request.Aborted);
        var page = request.NewMarkup();
        page.Raw("<table id=\"state\">").Row(texts["subscriber"], state.Subscriber).Row(texts["destination"], state.DestinationKind)
            .Row(texts["pending"], Count(state.Pending)).Row(texts["delivered"], Count(state.Delivered)).Row(texts["dead-letters"], Count(state.Dead))
            .Raw("</table>");
        if (request.Query("done") == "redriven" && state.Pending > 0)
        {
            page.Raw("<p class=\"notice\" role=\"status\" id=\"progress\">")
                .Text(string.Format(CultureInfo.InvariantCulture, texts["redrive.progress"], state.Pending)).Raw("</p>");
        }

        page.Raw("<div class=\"actions\">");
        if (state.Dead > 0)
        {
            page.Raw(Layout.ActionButton(request, page, $"subscriptions/{Uri.EscapeDataString(name)}/redrive", texts["redrive"]));
        }

        page.Raw("</div><h2>").Text(texts["dead-letters"]).Raw("</h2><div class=\"scroll\"><table id=\"dead-letters\">")
            .HeaderRow("#", texts["event-type"], texts["subject"], texts["attempts"], texts["last-error"]);
        foreach (var letter in dead)
        {
            page.Row(Count(letter.Position), letter.EventType, letter.Subject, Count(letter.Attempts), letter.LastError);
        }

        page.Raw("</table></div>").Raw(Pager.Render(request, request.Url("subscriptions/" + Uri.EscapeDataString(name)), number, total));
        var notice = request.Query("count") is { Length: > 0 } count && request.Query("done") == "redriven"
            ? string.Format(CultureInfo.InvariantCulture, texts["done.redriven"], count.Length < 10 ? count : "?")
            : null;
        return ConsoleResults.Page(request, texts["subscription"] + " " + name, page.ToString(), notice: notice,
            refresh: request.Query("done") == "redriven" && state.Pending > 0);
    }

    public async Task<IResult?> RedriveAsync(ConsoleRequest request, string name)
    {
        var count = await redrive.RunAsync(name, request.Session!.Actor, request.Aborted);
        return ConsoleResults.Redirect(request,
            $"subscriptions/{Uri.EscapeDataString(name)}?done=redriven&count={count.ToString(CultureInfo.InvariantCulture)}");
    }

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset? at) => at?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + (at is null ? "" : "Z");
}
