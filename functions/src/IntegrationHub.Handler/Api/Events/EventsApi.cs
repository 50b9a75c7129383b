using IntegrationHub.Events.Subscriptions;

namespace IntegrationHub.Handler.Api.Events;

/// <summary>What the events endpoints share: who may call, refusals in the API's error shape (each audited), and JSON bodies.</summary>
internal static class EventsApi
{
    public static Task<IResult> RunAsync(HttpContext context, CredentialStore credentials, PrincipalKind kind,
        Func<Principal, Task<IResult>> action) =>
        ApiGate.RunAsync<SubscriptionException>(context, credentials, principal => principal.Kind == kind,
            kind == PrincipalKind.Admin
                ? "Only an administrator may manage subscriptions."
                : "Only a subscriber may read its subscription's events.",
            action, refusal => new ApiError(refusal.Status, refusal.Code, refusal.Message, refusal.Errors),
            (principal, error) => AuditAsync(context, principal, error));

    /// <summary>The request's JSON body, or a refusal of it with the pointer of the place at fault (see <see cref="JsonBody"/>).</summary>
    public static Task<JsonNode?> ReadJsonAsync(HttpContext context) => JsonBody.ReadAsync(context);

    /// <summary>The subscription named in the route; a name no subscription can have is 404 at once, without a query
    /// (and without echoing it: it may hold anything, a NUL included).</summary>
    public static string? Name(HttpContext context)
    {
        if (context.Request.RouteValues["name"]?.ToString() is not { Length: > 0 } name)
        {
            return null;
        }

        return SubscriptionValidator.IsName(name)
            ? name
            : throw new SubscriptionException(404, "not-found",
                "No subscription has that name (2 to 63 lower-case letters, digits and hyphens).");
    }

    private static Task AuditAsync(HttpContext context, Principal principal, ApiError error)
    {
        var name = context.Request.RouteValues["name"]?.ToString();
        var purpose = principal.Kind == PrincipalKind.Admin ? "subscription management" : "event delivery";
        return RefusalAudit.AppendAsync(context, principal.Name, "subscription.refused", purpose,
            name is not null && SubscriptionValidator.IsName(name) ? name : null, error.Status, error.Code, error.Errors);
    }
}
