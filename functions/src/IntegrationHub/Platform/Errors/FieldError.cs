namespace IntegrationHub.Platform.Errors;

/// <summary>One problem with a record or envelope: a JSON Pointer to the field, a stable code and a message for people.</summary>
public sealed record FieldError(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message);
