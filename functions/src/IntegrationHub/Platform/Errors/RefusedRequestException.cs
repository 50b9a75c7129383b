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

/// <summary>A refused request sorted by the module's kinds of refusal (the handler maps each kind to its HTTP status), with
/// the one field at fault where known.</summary>
public abstract class RefusedRequestException<TKind>(TKind kind, string code, string message, FieldError? field)
    : RefusedRequestException(code, message, field is null ? null : [field])
    where TKind : struct, Enum
{
    public TKind Kind { get; } = kind;
}
