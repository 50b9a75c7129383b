using System.Text.Json.Serialization;
using IntegrationHub.Intake.Validation;

namespace IntegrationHub.Handler.Api;

/// <summary>The body of every refusal: the HTTP status, a stable code, a message and, where known, the fields at fault.</summary>
public sealed record ApiError(
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("errors"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<FieldError>? Errors = null);
