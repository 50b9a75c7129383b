namespace IntegrationHub.Handler.Triggers;

/// <summary>The HTTP response of an httpTrigger invocation, placed in <c>Outputs.res</c>.</summary>
public sealed record HttpOutput(
    [property: JsonPropertyName("statusCode")] int StatusCode,
    [property: JsonPropertyName("headers")] IReadOnlyDictionary<string, string> Headers,
    [property: JsonPropertyName("body")] string Body);
