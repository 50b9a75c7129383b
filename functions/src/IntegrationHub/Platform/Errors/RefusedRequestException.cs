namespace IntegrationHub.Platform.Errors;

/// <summary>A request a module refuses: a stable code, a message for people and, where known, the fields at fault.</summary>
/// <remarks>Each module's refusal derives from it and adds what the handler needs to choose the status; the message never
/// echoes what was asked, since a field may hold an identity number.</remarks>
public abstract class RefusedRequestException(string code, string message, IReadOnlyList<FieldError>? errors)
    : Exception(message)
{
    public string Code { get; } = code;

    public IReadOnlyList<FieldError>? Errors { get; } = errors;
}
