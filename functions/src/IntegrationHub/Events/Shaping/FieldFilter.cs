using System.Text.Json.Nodes;
using IntegrationHub.Events.Subscriptions;

namespace IntegrationHub.Events.Shaping;

/// <summary>
/// Builds the data a subscription may see: only the values its allow-list of JSON Pointers reaches, at the same places.
/// Deny by default: a pointer that does not resolve copies nothing, and pointers step through objects only (an array
/// is copied whole when a pointer names it, never element by element).
/// </summary>
public static class FieldFilter
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
            JsonNode? source = data;
            var target = result;
            for (var i = 0; i < tokens.Count && source is JsonObject sourceObject; i++)
            {
                if (!sourceObject.TryGetPropertyValue(tokens[i], out var next))
                {
                    break;
                }

                if (i == tokens.Count - 1)
                {
                    target[tokens[i]] = next?.DeepClone();
                    break;
                }

                if (next is not JsonObject)
                {
                    break;
                }

                if (target[tokens[i]] is not JsonObject child)
                {
                    child = new JsonObject();
                    target[tokens[i]] = child;
                }

                source = next;
                target = child;
            }
        }

        return result;
    }
}
