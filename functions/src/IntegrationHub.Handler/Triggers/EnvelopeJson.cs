namespace IntegrationHub.Handler.Triggers;

internal static class EnvelopeJson
{
    /// <summary>The Functions host's property names vary in case between versions (Data/data, Url/url): match any case.</summary>
    public static bool TryGet(JsonElement element, string name, out JsonElement value)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    value = property.Value;
                    return true;
                }
            }
        }

        value = default;
        return false;
    }
}
