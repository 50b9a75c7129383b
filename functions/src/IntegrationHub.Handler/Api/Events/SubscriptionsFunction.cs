using IntegrationHub.Events;
using IntegrationHub.Events.Destinations;
using IntegrationHub.Events.Subscriptions;

namespace IntegrationHub.Handler.Api.Events;

/// <summary><c>/api/admin/subscriptions[/{name}]</c> (admin): POST creates, GET lists or reads, PUT replaces, PATCH changes
/// the fields given, DELETE removes. Every change is audited by the store.</summary>
public sealed class SubscriptionsFunction(CredentialStore credentials, SubscriptionStore store, IOptions<EventsOptions> options,
    DestinationPolicy destinations) : IHttpFunction
{
    public Task<IResult> InvokeAsync(HttpContext context) => EventsApi.RunAsync(context, credentials, PrincipalKind.Admin, async admin =>
    {
        var name = EventsApi.Name(context);
        var cancellationToken = context.RequestAborted;
        var validator = new SubscriptionValidator(options.Value, destinations);
        switch (context.Request.Method)
        {
            case "GET" when name is null:
                var all = await store.ListAsync(cancellationToken);
                return TypedResults.Json(new JsonObject { ["subscriptions"] = new JsonArray([.. all.Select(s => SubscriptionView.From(s))]) });
            case "GET":
                return TypedResults.Json(SubscriptionView.From(await store.FindAsync(name, cancellationToken) ?? throw SubscriptionStore.NotFound(name)));
            case "POST" when name is null:
                var (created, token) = await store.CreateAsync(validator.Validate(await EventsApi.ReadJsonAsync(context), secretOptional: false),
                    admin.Name, cancellationToken);
                return TypedResults.Json(SubscriptionView.From(created, token), statusCode: 201);
            case "PUT" when name is not null:
                return await ChangeAsync(name, validator.Validate(await EventsApi.ReadJsonAsync(context), secretOptional: true));
            case "PATCH" when name is not null:
                var current = await store.FindAsync(name, cancellationToken) ?? throw SubscriptionStore.NotFound(name);
                var patched = Merge(SubscriptionView.From(current), await EventsApi.ReadJsonAsync(context));
                return await ChangeAsync(name, validator.Validate(patched, secretOptional: true));
            case "DELETE" when name is not null:
                await store.DeleteAsync(name, admin.Name, cancellationToken);
                return TypedResults.NoContent();
            default:
                return ApiErrors.Create(405, "method-not-allowed", name is null
                    ? "Use GET to list or POST to create subscriptions."
                    : "Use GET, PUT, PATCH or DELETE on a subscription.");
        }

        async Task<IResult> ChangeAsync(string subscription, SubscriptionSpec spec)
        {
            var (changed, newToken) = await store.ChangeAsync(subscription, spec, admin.Name, cancellationToken);
            return TypedResults.Json(SubscriptionView.From(changed, newToken));
        }
    });

    // A patch replaces the top-level fields it names; a destination of the same kind is merged field by field, so that
    // {"destination": {"url": …}} keeps the secret, and a field set to null is removed (as JSON Merge Patch does), so that
    // {"destination": {"auth": "entra", "keyName": null}} moves a Service Bus destination from SAS to Entra ID.
    private static JsonNode? Merge(JsonObject current, JsonNode? patch)
    {
        if (patch is not JsonObject changes)
        {
            return patch;
        }

        current.Remove("createdAt");
        current.Remove("updatedAt");
        foreach (var (key, value) in changes)
        {
            if (key == "destination" && value is JsonObject destination && current["destination"] is JsonObject existing
                && (destination["kind"] is null || destination["kind"]!.ToJsonString() == existing["kind"]!.ToJsonString()))
            {
                foreach (var (field, fieldValue) in destination)
                {
                    if (fieldValue is null)
                    {
                        existing.Remove(field);
                    }
                    else
                    {
                        existing[field] = fieldValue.DeepClone();
                    }
                }

                continue;
            }

            current[key] = value?.DeepClone();
        }

        return current;
    }
}
