namespace IntegrationHub.Handler.Triggers;

/// <summary>The custom handler's answer to the Functions host: <c>{"Outputs":…,"Logs":…,"ReturnValue":…}</c>.</summary>
public sealed record InvocationReply(
    [property: JsonPropertyName("Outputs")] IReadOnlyDictionary<string, object?> Outputs,
    [property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
    [property: JsonPropertyName("ReturnValue")] object? ReturnValue);
