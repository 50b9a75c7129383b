namespace IntegrationHub.Handler.Triggers;

/// <summary>
/// The Functions host sends trigger metadata JSON-encoded a second time: a string arrives as <c>"\"abc\""</c>,
/// a number as <c>"3"</c>. These helpers undo that, and accept the plain form too.
/// </summary>
public static class MetadataValue
{
    public static string? GetString(JsonElement metadata, string name)
    {
        if (metadata.ValueKind != JsonValueKind.Object || !EnvelopeJson.TryGet(metadata, name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => Unquote(value.GetString()!),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => value.GetRawText(),
        };
    }

    public static int? GetInt32(JsonElement metadata, string name) =>
        int.TryParse(GetString(metadata, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary>An object of properties (application properties of a message), sent as an object or as its JSON text.</summary>
    public static IReadOnlyDictionary<string, string>? GetProperties(JsonElement metadata, string name)
    {
        if (metadata.ValueKind != JsonValueKind.Object || !EnvelopeJson.TryGet(metadata, name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            try
            {
                using var nested = JsonDocument.Parse(Unquote(value.GetString()!));
                return GetProperties(nested.RootElement);
            }
            catch (JsonException)
            {
                return null;
            }
        }

        return GetProperties(value);
    }

    private static Dictionary<string, string>? GetProperties(JsonElement value) =>
        value.ValueKind != JsonValueKind.Object
            ? null
            : value.EnumerateObject().ToDictionary(p => p.Name,
                p => p.Value.ValueKind == JsonValueKind.String ? Unquote(p.Value.GetString()!) : p.Value.GetRawText(),
                StringComparer.OrdinalIgnoreCase);

    /// <summary>Decodes a string that may itself be a JSON string literal.</summary>
    public static string Unquote(string text)
    {
        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"')
        {
            try
            {
                return JsonSerializer.Deserialize<string>(text) ?? text;
            }
            catch (JsonException)
            {
                return text;
            }
        }

        return text;
    }
}
