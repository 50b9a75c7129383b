using IntegrationHub.Events.Pull;

namespace IntegrationHub.Handler.Api.Events;

/// <summary><c>POST /api/subscriptions/{name}/ack</c> <c>{"cursor": "…"}</c> (the subscriber): moves its bookmark there.</summary>
public sealed class AcknowledgeEventsFunction(CredentialStore credentials, PullFeed feed) : IHttpFunction
{
    public Task<IResult> InvokeAsync(HttpContext context) => EventsApi.RunAsync(context, credentials, PrincipalKind.Subscriber, async subscriber =>
    {
        var body = await EventsApi.ReadJsonAsync(context);
        var cursor = body is JsonObject o && o["cursor"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        var acknowledged = await feed.AcknowledgeAsync(EventsApi.Name(context)!, subscriber.Name, cursor, context.RequestAborted);
        return TypedResults.Json(new JsonObject { ["acknowledged"] = acknowledged });
    });
}
