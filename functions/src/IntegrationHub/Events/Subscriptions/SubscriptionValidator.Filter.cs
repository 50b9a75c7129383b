namespace IntegrationHub.Events.Subscriptions;

/// <summary>The optional content filter of a subscription: <c>{"regionPrefixes": ["500103"], "regionOf": "hukou",
/// "policyIds": ["…"]}</c>.</summary>
public sealed partial class SubscriptionValidator
{
    private static readonly string[] FilterFields = ["regionPrefixes", "regionOf", "policyIds"];

    private static ContentFilter? ReadFilter(JsonObject root, List<FieldError> errors)
    {
        if (!root.TryGetPropertyValue("filter", out var node) || node is null)
        {
            return null;
        }

        if (node is not JsonObject filter)
        {
            errors.Add(new FieldError("/filter", "type", "A filter is an object: regionPrefixes, regionOf, policyIds."));
            return null;
        }

        foreach (var (key, _) in filter.Where(p => !FilterFields.Contains(p.Key, StringComparer.Ordinal)))
        {
            errors.Add(new FieldError("/filter/" + key, "unknown-field", $"'{key}' is not a filter field."));
        }

        var prefixes = FilterStrings(filter, "regionPrefixes", RegionPrefix(), "two, four or six digits of a GB/T 2260 code", errors);
        var policies = FilterStrings(filter, "policyIds", PolicyId(), "a policy id: lower-case letters, digits and hyphens", errors);
        var regionOf = ContentFilter.Hukou;
        if (filter["regionOf"] is { } of)
        {
            if (of.GetValueKind() != JsonValueKind.String
                || of.GetValue<string>() is not (ContentFilter.Hukou or ContentFilter.Registration))
            {
                errors.Add(new FieldError("/filter/regionOf", "enum", "regionOf is 'hukou' or 'registration'."));
            }
            else
            {
                regionOf = of.GetValue<string>();
            }
        }

        return new ContentFilter(prefixes, regionOf, policies);
    }

    private static List<string> FilterStrings(JsonObject filter, string name, Regex pattern, string what, List<FieldError> errors)
    {
        var values = new List<string>();
        if (filter[name] is not { } node)
        {
            return values;
        }

        if (node is not JsonArray array || array.Count is 0 or > 500)
        {
            errors.Add(new FieldError($"/filter/{name}", "type", $"{name} is an array of 1 to 500 strings."));
            return values;
        }

        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonValue value && value.GetValueKind() == JsonValueKind.String && pattern.IsMatch(value.GetValue<string>()))
            {
                values.Add(value.GetValue<string>());
            }
            else
            {
                errors.Add(new FieldError($"/filter/{name}/{i}", "pattern", $"Each is {what}."));
            }
        }

        return values;
    }

    [GeneratedRegex("^[0-9]{2}([0-9]{2}){0,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionPrefix();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex PolicyId();
}
