using IntegrationHub.Events.Subscriptions;

namespace IntegrationHub.Events.Shaping;

/// <summary>
/// Builds the data a subscription may see: only the values its allow-list of JSON Pointers reaches, at the same places.
/// Deny by default: a pointer that does not resolve copies nothing, and pointers step through objects only (an array
/// is copied whole when a pointer names it, never element by element).
/// </summary>
internal static class FieldFilter
{
    public static JsonObject Apply(JsonObject data, IReadOnlyList<string> fields)
    {
        var result = new JsonObject();
        foreach (var field in fields)
        {
            if (!JsonPointer.IsValid(field))
            {
                continue;
            }

            var tokens = JsonPointer.Tokens(field);
            if (!TryResolve(data, tokens, out var value))
            {
                continue;
            }

            // Only a pointer that resolves builds its parents, so a missing leaf leaves no empty object behind.
            var target = result;
            for (var i = 0; i < tokens.Count - 1; i++)
            {
                if (target[tokens[i]] is not JsonObject child)
                {
                    child = new JsonObject();
                    target[tokens[i]] = child;
                }

                target = child;
            }

            target[tokens[^1]] = value?.DeepClone();
        }

        return result;
    }

    private static bool TryResolve(JsonObject data, IReadOnlyList<string> tokens, out JsonNode? value)
    {
        value = data;
        foreach (var token in tokens)
        {
            if (value is not JsonObject current || !current.TryGetPropertyValue(token, out value))
            {
                value = null;
                return false;
            }
        }

        return true;
    }
}
