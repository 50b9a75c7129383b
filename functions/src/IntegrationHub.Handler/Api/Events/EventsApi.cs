using IntegrationHub.Events.Subscriptions;

namespace IntegrationHub.Handler.Api.Events;

/// <summary>What the events endpoints share: who may call, refusals in the API's error shape (each audited), and JSON bodies.</summary>
internal static class EventsApi
{
    public static async Task<IResult> RunAsync(HttpContext context, CredentialStore credentials, PrincipalKind kind,
        Func<Principal, Task<IResult>> action)
    {
        var principal = await BearerAuthentication.AuthenticateAsync(context, credentials);
        if (principal is null)
        {
            return ApiErrors.Unauthorized(context);
        }

        if (principal.Kind != kind)
        {
            return ApiErrors.Create(403, "forbidden", kind == PrincipalKind.Admin
                ? "Only an administrator may manage subscriptions."
                : "Only a subscriber may read its subscription's events.");
        }

        try
        {
            return await action(principal);
        }
        catch (SubscriptionException refusal)
        {
            return await RefuseAsync(context, principal, refusal.Status, refusal.Code, refusal.Message, refusal.Errors);
        }
        catch (JsonBodyException refusal)
        {
            return await RefuseAsync(context, principal, refusal.Status, refusal.Code, refusal.Message, [refusal.Error]);
        }
    }

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

    private static async Task<IResult> RefuseAsync(HttpContext context, Principal principal, int status, string code, string message,
        IReadOnlyList<FieldError>? errors)
    {
        var name = context.Request.RouteValues["name"]?.ToString();
        var purpose = principal.Kind == PrincipalKind.Admin ? "subscription management" : "event delivery";
        await RefusalAudit.AppendAsync(context, principal.Name, "subscription.refused", purpose,
            name is not null && SubscriptionValidator.IsName(name) ? name : null, status, code, errors);
        return ApiErrors.Create(status, code, message, errors);
    }
}
