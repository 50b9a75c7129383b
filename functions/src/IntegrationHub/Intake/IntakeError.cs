using System.Text.Json.Serialization;
using IntegrationHub.Platform.Errors;

namespace IntegrationHub.Intake;

/// <summary>Why a whole submission was refused: an HTTP status, a stable code, a message and, where known, the fields.</summary>
public sealed record IntakeError(
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("errors"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<FieldError>? Errors = null);
