using IntegrationHub.Events.Dispatch;

namespace IntegrationHub.Handler.Api.Events;

/// <summary><c>POST /api/admin/subscriptions/{name}/redrive</c> (admin): dead-lettered deliveries go out again, same event ids.</summary>
public sealed class SubscriptionRedriveFunction(CredentialStore credentials, Redrive redrive) : IHttpFunction
{
    public Task<IResult> InvokeAsync(HttpContext context) => EventsApi.RunAsync(context, credentials, PrincipalKind.Admin, async admin =>
    {
        var name = EventsApi.Name(context)!;
        var count = await redrive.RunAsync(name, admin.Name, context.RequestAborted);
        return TypedResults.Json(new JsonObject { ["subscription"] = name, ["redriven"] = count });
    });
}
