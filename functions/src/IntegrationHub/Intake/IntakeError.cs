namespace IntegrationHub.Intake;

/// <summary>Why a whole submission was refused: its kind, a stable code, a message and, where known, the fields.</summary>
public sealed record IntakeError(RefusalKind Kind, string Code, string Message, IReadOnlyList<FieldError>? Errors = null);
