using IntegrationHub.Intake.Validation;

namespace IntegrationHub.Handler.Api;

/// <summary>The body of every refusal: the HTTP status, a stable code, a message and, where known, the fields at fault.</summary>
/// <remarks>Written with the API's JSON options (camelCase): <c>status</c>, <c>code</c>, <c>message</c>, <c>errors</c>.</remarks>
public sealed record ApiError(int Status, string Code, string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<FieldError>? Errors = null);
