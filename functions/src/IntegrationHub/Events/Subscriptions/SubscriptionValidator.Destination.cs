using IntegrationHub.Events.Destinations;

namespace IntegrationHub.Events.Subscriptions;

// The destination: its kind, the fields that kind takes, and each field's checks.
public sealed partial class SubscriptionValidator
{
    private (Destination?, string?) ReadDestination(JsonObject root, bool secretOptional, List<FieldError> errors)
    {
        if (root["destination"] is not JsonObject destination)
        {
            errors.Add(new FieldError("/destination", root.ContainsKey("destination") ? "type" : "required",
                "destination must be an object with a kind: webhook, pull, servicebus or peer."));
            return (null, null);
        }

        if (KindOf(destination, errors) is not { } kind)
        {
            return (null, null);
        }

        CheckFieldsOf(kind, destination, errors);
        return kind switch
        {
            DestinationKind.Webhook => ReadWebhook(destination, secretOptional, errors),
            DestinationKind.ServiceBus => ReadServiceBus(destination, secretOptional, errors),
            DestinationKind.Peer => ReadPeer(destination, errors),
            _ => (new Destination(kind), null),
        };
    }

    /// <summary>A peer hub, by region (six digits); whether it is a registered peer is the federation's to check when sending.</summary>
    private static (Destination?, string?) ReadPeer(JsonObject destination, List<FieldError> errors)
    {
        var region = destination["region"] is JsonValue r && r.GetValueKind() == JsonValueKind.String ? r.GetValue<string>() : null;
        if (region is null || region.Length != 6 || !region.All(char.IsAsciiDigit))
        {
            errors.Add(new FieldError("/destination/region", region is null ? "required" : "pattern", "region is the peer hub's six-digit region."));
            return (null, null);
        }

        return (new Destination(DestinationKind.Peer, Region: region), null);
    }

    private static string? KindOf(JsonObject destination, List<FieldError> errors)
    {
        var kind = destination["kind"] is JsonValue k && k.GetValueKind() == JsonValueKind.String ? k.GetValue<string>() : null;
        if (kind is null || !DestinationKind.All.Contains(kind, StringComparer.Ordinal))
        {
            errors.Add(new FieldError("/destination/kind", kind is null ? "required" : "enum", "kind must be one of webhook, pull, servicebus, peer."));
            return null;
        }

        return kind;
    }

    private static void CheckFieldsOf(string kind, JsonObject destination, List<FieldError> errors)
    {
        string[] allowed = kind switch
        {
            DestinationKind.Webhook => ["kind", "url", "secret"],
            DestinationKind.ServiceBus => ["kind", "namespace", "topic", "auth", "keyName", "key", "endpoint"],
            DestinationKind.Peer => ["kind", "region"],
            _ => ["kind"],
        };
        foreach (var (key, _) in destination)
        {
            if (!allowed.Contains(key, StringComparer.Ordinal))
            {
                errors.Add(new FieldError("/destination/" + key, "unknown-field", $"'{key}' is not a field of a {kind} destination."));
            }
        }
    }

    private (Destination, string?) ReadWebhook(JsonObject destination, bool secretOptional, List<FieldError> errors)
    {
        var url = DestinationText(destination, "url", errors);
        if (url is not null)
        {
            CheckUrl(url, "/destination/url", errors);
        }

        var secret = Secret(destination, "secret", secretOptional, errors);
        return (new Destination(DestinationKind.Webhook, Url: url), secret);
    }

    /// <summary>A Service Bus topic, sent to with a SAS rule (its key the secret) or with the hub's own Entra ID token.</summary>
    private (Destination, string?) ReadServiceBus(JsonObject destination, bool secretOptional, List<FieldError> errors)
    {
        const string kind = DestinationKind.ServiceBus;
        var ns = DestinationText(destination, "namespace", errors);
        if (ns is not null && !NamespacePattern().IsMatch(ns))
        {
            errors.Add(new FieldError("/destination/namespace", "pattern",
                "A Service Bus namespace is 6 to 50 letters, digits and hyphens, starting with a letter (without .servicebus.windows.net)."));
        }

        var topic = DestinationText(destination, "topic", errors);
        if (topic is not null && !TopicPattern().IsMatch(topic))
        {
            errors.Add(new FieldError("/destination/topic", "pattern", "A topic name is letters, digits, '.', '_', '-' and '/'."));
        }

        var auth = ServiceBusAuthOf(destination, errors);
        string? endpoint = null;
        if (destination.ContainsKey("endpoint"))
        {
            endpoint = DestinationText(destination, "endpoint", errors);
            if (endpoint is not null)
            {
                CheckUrl(endpoint, "/destination/endpoint", errors);
            }
        }

        if (auth == ServiceBusAuth.Entra)
        {
            foreach (var name in new[] { "keyName", "key" }.Where(destination.ContainsKey))
            {
                errors.Add(new FieldError("/destination/" + name, "not-with-entra",
                    $"'{name}' belongs to SAS; with auth entra the hub sends with its own Entra ID token."));
            }

            return (new Destination(kind, Namespace: ns, Topic: topic, Endpoint: endpoint, Auth: auth), null);
        }

        var keyName = DestinationText(destination, "keyName", errors);
        var key = Secret(destination, "key", secretOptional, errors);
        return (new Destination(kind, Namespace: ns, Topic: topic, KeyName: keyName, Endpoint: endpoint, Auth: auth), key);
    }

    // Absent means SAS (and stays absent, as subscriptions made before Entra ID was supported are stored).
    private static string? ServiceBusAuthOf(JsonObject destination, List<FieldError> errors)
    {
        if (!destination.ContainsKey("auth"))
        {
            return null;
        }

        var auth = destination["auth"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        if (auth is null || !ServiceBusAuth.All.Contains(auth, StringComparer.Ordinal))
        {
            errors.Add(new FieldError("/destination/auth", "enum", "auth must be sas (a SAS rule's keyName and key) or entra (the hub's Entra ID identity)."));
            return null;
        }

        return auth;
    }

    /// <summary>An absolute https URL without credentials, whose host <see cref="DestinationPolicy"/> allows (a forbidden
    /// host is <c>destination-forbidden</c> whatever the scheme); http only to loopback, where loopback is allowed.</summary>
    private void CheckUrl(string url, string path, List<FieldError> errors)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || uri.UserInfo.Length > 0)
        {
            errors.Add(new FieldError(path, "url", "Give an absolute https URL (without credentials in it)."));
        }
        else if (destinations.Refusal(uri) is { } refusal)
        {
            errors.Add(new FieldError(path, DestinationPolicy.Code, refusal));
        }
        else if (uri.Scheme == Uri.UriSchemeHttp && !(destinations.AllowLoopback && IsLoopback(uri)))
        {
            errors.Add(new FieldError(path, "url-not-https", destinations.AllowLoopback
                ? "Only https, except for loopback (127.0.0.1, ::1, localhost)."
                : "Only https: events carry personal data."));
        }
    }

    private static bool IsLoopback(Uri uri) => uri.IsLoopback || DestinationPolicy.ClassifyName(uri.Host) == AddressClass.Loopback;

    private string? Secret(JsonObject destination, string name, bool optional, List<FieldError> errors)
    {
        if (optional && !destination.ContainsKey(name))
        {
            return null;
        }

        var secret = DestinationText(destination, name, errors);
        if (secret is not null && secret.Length < options.MinSecretLength)
        {
            errors.Add(new FieldError("/destination/" + name, "secret-too-short",
                $"The {name} must be at least {options.MinSecretLength} characters (use 32 random bytes, base64)."));
        }

        return secret;
    }

    private static string? DestinationText(JsonObject destination, string name, List<FieldError> errors)
    {
        var value = destination[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new FieldError("/destination/" + name, destination.ContainsKey(name) ? "type" : "required", $"{name} is required (a non-empty string)."));
            return null;
        }

        if (value.Length > 2000)
        {
            errors.Add(new FieldError("/destination/" + name, "too-long", $"{name} is longer than 2000 characters."));
            return null;
        }

        return value;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9-]{4,48}[A-Za-z0-9]\\z")]
    private static partial Regex NamespacePattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._/-]{0,259}\\z")]
    private static partial Regex TopicPattern();
}
