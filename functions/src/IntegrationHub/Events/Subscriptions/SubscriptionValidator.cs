using IntegrationHub.Events.Destinations;

namespace IntegrationHub.Events.Subscriptions;

/// <summary>Reads a subscription from its JSON body and checks every field, collecting each problem with its pointer.</summary>
/// <remarks>The destination's fields are checked in <c>SubscriptionValidator.Destination.cs</c>.</remarks>
public sealed partial class SubscriptionValidator(EventsOptions options, DestinationPolicy destinations)
{
    public const string IdentityNumberField = "/identityNumber";
    public const string PseudonymField = "/pseudonym";

    private static readonly string[] TopLevel =
        ["name", "subscriber", "legalBasis", "purpose", "eventTypes", "fields", "identityNumbers", "destination", "filter", "backfill"];

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

        CheckNoUnknownFields(root, errors);
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
        var eventTypes = ReadEventTypes(root, errors);
        var identityNumbers = ReadIdentityNumbers(root, errors);
        var fields = ReadFields(root, identityNumbers, errors);
        var (destination, secret) = ReadDestination(root, secretOptional, errors);
        var filter = ReadFilter(root, errors);
        var backfill = ReadBackfill(root, errors);
        if (errors.Count > 0)
        {
            throw new SubscriptionException(400, "subscription-invalid", "The subscription is invalid.", errors);
        }

        return new SubscriptionSpec(name!, subscriber!, legalBasis!, purpose!, eventTypes.Distinct().ToArray(), fields.Distinct().ToArray(),
            identityNumbers!.Value, destination!, secret, filter, backfill);
    }

    private static void CheckNoUnknownFields(JsonObject root, List<FieldError> errors)
    {
        foreach (var (key, _) in root)
        {
            if (!TopLevel.Contains(key, StringComparer.Ordinal))
            {
                errors.Add(new FieldError("/" + key, "unknown-field", $"'{key}' is not a subscription field."));
            }
        }
    }

    private static List<string> ReadEventTypes(JsonObject root, List<FieldError> errors)
    {
        var eventTypes = Strings(root, "eventTypes", errors, requireOne: true);
        for (var i = 0; i < eventTypes.Count; i++)
        {
            if (!EventTypePattern.IsKnown(eventTypes[i]))
            {
                errors.Add(new FieldError($"/eventTypes/{i}", "unknown-event-type",
                    $"'{eventTypes[i]}' is not an event type the hub emits (nor a prefix of one ending in '*')."));
            }
        }

        return eventTypes;
    }

    /// <summary>Optional <c>backfill</c>: true or false (absent or null: false).</summary>
    private static bool ReadBackfill(JsonObject root, List<FieldError> errors)
    {
        if (!root.TryGetPropertyValue("backfill", out var node) || node is null)
        {
            return false;
        }

        if (node is not JsonValue flag || flag.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            errors.Add(new FieldError("/backfill", "type", "backfill must be true (send the current state first) or false."));
            return false;
        }

        return flag.GetValue<bool>();
    }

    private static bool? ReadIdentityNumbers(JsonObject root, List<FieldError> errors)
    {
        if (root["identityNumbers"] is not JsonValue flag || flag.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            errors.Add(new FieldError("/identityNumbers", root.ContainsKey("identityNumbers") ? "type" : "required",
                "identityNumbers must be true or false."));
            return null;
        }

        return flag.GetValue<bool>();
    }

    /// <summary>The data fields the subscriber may see, as JSON Pointers; the identity number only when it is granted.</summary>
    private static List<string> ReadFields(JsonObject root, bool? identityNumbers, List<FieldError> errors)
    {
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

        return fields;
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
}
