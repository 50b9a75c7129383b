using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Events.Subscriptions;
using IntegrationHub.Handler.Api.Auth;
using IntegrationHub.Platform.Credentials;

namespace IntegrationHub.Handler.Api.Events;

/// <summary>What the events endpoints share: who may call, refusals in the API's error shape, and JSON bodies.</summary>
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
            return ApiErrors.Create(refusal.Status, refusal.Code, refusal.Message, refusal.Errors);
        }
    }

    /// <summary>The request's JSON body; a body that is not JSON is refused with 400 <c>json</c>.</summary>
    public static async Task<JsonNode?> ReadJsonAsync(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException e)
        {
            throw new SubscriptionException(400, "json", $"The body is not JSON: {e.Message}");
        }
    }

    public static string? Name(HttpContext context) => context.Request.RouteValues["name"]?.ToString() is { Length: > 0 } name ? name : null;
}
