using IntegrationHub.Events.Pull;

namespace IntegrationHub.Handler.Api.Events;

/// <summary><c>GET /api/subscriptions/{name}/events?after={cursor}&amp;limit={n}</c> with the subscriber's own token.</summary>
public sealed class PullEventsFunction(CredentialStore credentials, PullFeed feed) : IHttpFunction
{
    public Task<IResult> InvokeAsync(HttpContext context) => EventsApi.RunAsync(context, credentials, PrincipalKind.Subscriber, async subscriber =>
    {
        var limit = 100;
        if (context.Request.Query["limit"].ToString() is { Length: > 0 } text
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > PullFeed.MaxLimit))
        {
            return ApiErrors.Create(400, "limit", "limit must be a whole number from 1 to 1000.",
                [new FieldError("/limit", "range", "limit must be a whole number from 1 to 1000.")]);
        }

        var after = context.Request.Query["after"].ToString() is { Length: > 0 } cursor ? cursor : null;
        var page = await feed.ReadAsync(EventsApi.Name(context)!, subscriber.Name, after, limit, context.RequestAborted);
        return TypedResults.Bytes(page, "application/json");
    });
}
