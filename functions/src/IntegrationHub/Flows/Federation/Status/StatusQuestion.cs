using IntegrationHub.Flows.Federation.Messaging;

namespace IntegrationHub.Flows.Federation.Status;

/// <summary>A status query's signed body: whose status (the identity number, only ever here), why, on what legal basis,
/// and optionally which of the agreed fields.</summary>
public sealed partial record StatusQuestion(string IdNumber, string Purpose, string LegalBasis, IReadOnlyList<string>? Fields)
{
    public byte[] ToBody()
    {
        var json = new JsonObject { ["idNumber"] = IdNumber, ["purpose"] = Purpose, ["legalBasis"] = LegalBasis };
        if (Fields is not null)
        {
            json["fields"] = new JsonArray([.. Fields.Select(f => (JsonNode)f)]);
        }

        return JsonSerializer.SerializeToUtf8Bytes(json);
    }

    /// <summary>Reads a body; throws a <see cref="PeerRefusalKind.BadBody"/> refusal naming the field at fault.</summary>
    public static StatusQuestion Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            return Read(JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }) as JsonObject
                ?? throw Bad("", "object", "The body is a JSON object."));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            throw Bad("", "json", "The body is not well-formed JSON (or repeats a member, or holds an undecodable string).");
        }
    }

    private static StatusQuestion Read(JsonObject json)
    {

        var idNumber = Text(json, "idNumber", 18);
        if (!IdPattern().IsMatch(idNumber))
        {
            throw Bad("/idNumber", "id-format", "An 18-character resident identity number (17 digits and a digit or X).");
        }

        List<string>? fields = null;
        if (json["fields"] is { } list)
        {
            if (list is not JsonArray array || array.Any(f => f is not JsonValue v || !v.TryGetValue<string>(out _)))
            {
                throw Bad("/fields", "type", "fields is an array of field names.");
            }

            fields = [.. array.Select(f => f!.GetValue<string>())];
        }

        return new StatusQuestion(idNumber.ToUpperInvariant(), Text(json, "purpose", 200), Text(json, "legalBasis", 200), fields);
    }

    private static string Text(JsonObject json, string name, int max) =>
        json[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Trim().Length is > 0 && text.Length <= max
            ? text.Trim()
            : throw Bad("/" + name, "required", $"{name} is a non-empty string of at most {max} characters.");

    private static PeerRefusalException Bad(string pointer, string code, string message) =>
        new(PeerRefusalKind.BadBody, code, message, new FieldError(pointer, code, message));

    [GeneratedRegex("^[0-9]{17}[0-9Xx]$")]
    private static partial Regex IdPattern();
}
