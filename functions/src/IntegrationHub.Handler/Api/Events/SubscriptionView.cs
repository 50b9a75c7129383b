using IntegrationHub.Events.Subscriptions;

namespace IntegrationHub.Handler.Api.Events;

/// <summary>A subscription as the API shows it: everything but the destination's secret, which never leaves the hub.</summary>
internal static class SubscriptionView
{
    public static JsonObject From(Subscription s, string? subscriberToken = null)
    {
        var destination = new JsonObject { ["kind"] = s.Destination.Kind };
        Add(destination, "url", s.Destination.Url);
        Add(destination, "namespace", s.Destination.Namespace);
        Add(destination, "topic", s.Destination.Topic);
        Add(destination, "auth", s.Destination.Auth);
        Add(destination, "keyName", s.Destination.KeyName);
        Add(destination, "endpoint", s.Destination.Endpoint);
        Add(destination, "region", s.Destination.Region);
        var view = new JsonObject
        {
            ["name"] = s.Name,
            ["subscriber"] = s.Subscriber,
            ["legalBasis"] = s.LegalBasis,
            ["purpose"] = s.Purpose,
            ["eventTypes"] = new JsonArray([.. s.EventTypes.Select(t => JsonValue.Create(t))]),
            ["fields"] = new JsonArray([.. s.Fields.Select(f => JsonValue.Create(f))]),
            ["identityNumbers"] = s.IdentityNumbers,
            ["destination"] = destination,
            ["createdAt"] = s.CreatedAt.ToUniversalTime(),
            ["updatedAt"] = s.UpdatedAt.ToUniversalTime(),
        };
        if (s.Filter is not null)
        {
            view["filter"] = s.Filter.ToJson();
        }

        if (subscriberToken is not null)
        {
            view["subscriberToken"] = subscriberToken;
        }

        return view;
    }

    private static void Add(JsonObject target, string name, string? value)
    {
        if (value is not null)
        {
            target[name] = value;
        }
    }
}
