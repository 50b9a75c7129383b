using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IntegrationHub.Events.Destinations;
using IntegrationHub.Platform.Errors;

namespace IntegrationHub.Events.Subscriptions;

/// <summary>Reads a subscription from its JSON body and checks every field, collecting each problem with its pointer.</summary>
public sealed partial class SubscriptionValidator(EventsOptions options, DestinationPolicy destinations)
{
    public const string IdentityNumberField = "/identityNumber";
    public const string PseudonymField = "/pseudonym";

    private static readonly string[] TopLevel =
        ["name", "subscriber", "legalBasis", "purpose", "eventTypes", "fields", "identityNumbers", "destination"];

    /// <summary>Whether <paramref name="name"/> is one a subscription can have.</summary>
    public static bool IsName(string name) => NamePattern().IsMatch(name);

    /// <summary>The subscription, or a 400 <c>subscription-invalid</c> listing every field at fault.</summary>
    /// <param name="secretOptional">On a change: a destination of the same kind without a secret keeps the stored one.</param>
    public SubscriptionSpec Validate(JsonNode? body, bool secretOptional)
    {
        var errors = new List<FieldError>();
        if (body is not JsonObject root)
        {
            throw new SubscriptionException(400, "json", "The body must be a JSON object.");
        }

        foreach (var (key, _) in root)
        {
            if (!TopLevel.Contains(key, StringComparer.Ordinal))
            {
                errors.Add(new FieldError("/" + key, "unknown-field", $"'{key}' is not a subscription field."));
            }
        }

        var name = Text(root, "name", 63, errors);
        if (name is not null && !NamePattern().IsMatch(name))
        {
            errors.Add(new FieldError("/name", "pattern", "A name is 2 to 63 lower-case letters, digits and hyphens, starting with a letter or digit."));
        }

        var subscriber = Text(root, "subscriber", 63, errors);
        if (subscriber is not null && !SubscriberPattern().IsMatch(subscriber))
        {
            errors.Add(new FieldError("/subscriber", "pattern", "A subscriber is letters, digits, '.', '_' and '-', starting with a letter or digit."));
        }

        var legalBasis = Text(root, "legalBasis", 500, errors);
        var purpose = Text(root, "purpose", 500, errors);
        var eventTypes = Strings(root, "eventTypes", errors, requireOne: true);
        for (var i = 0; i < eventTypes.Count; i++)
        {
            if (!EventTypePattern.IsKnown(eventTypes[i]))
            {
                errors.Add(new FieldError($"/eventTypes/{i}", "unknown-event-type",
                    $"'{eventTypes[i]}' is not an event type the hub emits (nor a prefix of one ending in '*')."));
            }
        }

        bool? identityNumbers = null;
        if (root["identityNumbers"] is not JsonValue flag || flag.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            errors.Add(new FieldError("/identityNumbers", root.ContainsKey("identityNumbers") ? "type" : "required",
                "identityNumbers must be true or false."));
        }
        else
        {
            identityNumbers = flag.GetValue<bool>();
        }

        var fields = Strings(root, "fields", errors, requireOne: false);
        for (var i = 0; i < fields.Count; i++)
        {
            if (!JsonPointer.IsValid(fields[i]))
            {
                errors.Add(new FieldError($"/fields/{i}", "pointer",
                    $"'{fields[i]}' is not a JSON Pointer to a data field (RFC 6901: '/name', '/a/b', '~0' and '~1' escapes)."));
            }
            else if (fields[i] == IdentityNumberField && identityNumbers == false)
            {
                errors.Add(new FieldError($"/fields/{i}", "identity-numbers-not-granted",
                    "/identityNumber is allowed only when identityNumbers is true; otherwise allow /pseudonym."));
            }
        }

        var (destination, secret) = ReadDestination(root, secretOptional, errors);
        if (errors.Count > 0)
        {
            throw new SubscriptionException(400, "subscription-invalid", "The subscription is invalid.", errors);
        }

        return new SubscriptionSpec(name!, subscriber!, legalBasis!, purpose!, eventTypes.Distinct().ToArray(), fields.Distinct().ToArray(),
            identityNumbers!.Value, destination!, secret);
    }

    private (Destination?, string?) ReadDestination(JsonObject root, bool secretOptional, List<FieldError> errors)
    {
        if (root["destination"] is not JsonObject destination)
        {
            errors.Add(new FieldError("/destination", root.ContainsKey("destination") ? "type" : "required",
                "destination must be an object with a kind: webhook, pull or servicebus."));
            return (null, null);
        }

        var kind = destination["kind"] is JsonValue k && k.GetValueKind() == JsonValueKind.String ? k.GetValue<string>() : null;
        if (kind is null || !DestinationKind.All.Contains(kind, StringComparer.Ordinal))
        {
            errors.Add(new FieldError("/destination/kind", kind is null ? "required" : "enum", "kind must be one of webhook, pull, servicebus."));
            return (null, null);
        }

        string[] allowed = kind switch
        {
            DestinationKind.Webhook => ["kind", "url", "secret"],
            DestinationKind.ServiceBus => ["kind", "namespace", "topic", "auth", "keyName", "key", "endpoint"],
            _ => ["kind"],
        };
        foreach (var (key, _) in destination)
        {
            if (!allowed.Contains(key, StringComparer.Ordinal))
            {
                errors.Add(new FieldError("/destination/" + key, "unknown-field", $"'{key}' is not a field of a {kind} destination."));
            }
        }

        switch (kind)
        {
            case DestinationKind.Webhook:
            {
                var url = DestinationText(destination, "url", errors);
                if (url is not null)
                {
                    CheckUrl(url, "/destination/url", errors);
                }

                var secret = Secret(destination, "secret", secretOptional, errors);
                return (new Destination(kind, Url: url), secret);
            }

            case DestinationKind.ServiceBus:
            {
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

            default:
                return (new Destination(kind), null);
        }
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

    private static string? Text(JsonObject root, string name, int maxLength, List<FieldError> errors)
    {
        var value = root[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new FieldError("/" + name, root.ContainsKey(name) ? "type" : "required", $"{name} is required (a non-empty string)."));
            return null;
        }

        if (value.Length > maxLength)
        {
            errors.Add(new FieldError("/" + name, "too-long", $"{name} is longer than {maxLength} characters."));
            return null;
        }

        return value.Trim();
    }

    private static List<string> Strings(JsonObject root, string name, List<FieldError> errors, bool requireOne)
    {
        var list = new List<string>();
        if (root[name] is not JsonArray array)
        {
            errors.Add(new FieldError("/" + name, root.ContainsKey(name) ? "type" : "required", $"{name} must be an array of strings."));
            return list;
        }

        if (requireOne && array.Count == 0)
        {
            errors.Add(new FieldError("/" + name, "too-short", $"{name} must name at least one."));
        }

        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonValue v && v.GetValueKind() == JsonValueKind.String)
            {
                list.Add(v.GetValue<string>());
            }
            else
            {
                errors.Add(new FieldError($"/{name}/{i}", "type", "Each entry must be a string."));
            }
        }

        return list;
    }

    // \z, not $: .NET's $ also matches before a final newline, and "name\n" would pass.
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,62}\\z")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}\\z")]
    private static partial Regex SubscriberPattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9-]{4,48}[A-Za-z0-9]\\z")]
    private static partial Regex NamespacePattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._/-]{0,259}\\z")]
    private static partial Regex TopicPattern();
}
