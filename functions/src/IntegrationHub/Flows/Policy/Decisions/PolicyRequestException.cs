namespace IntegrationHub.Flows.Policy.Decisions;

/// <summary>A policy request refused: its kind, a stable code, a message and the fields at fault.</summary>
public sealed class PolicyRequestException(PolicyRefusal kind, string code, string message,
    IReadOnlyList<FieldError> errors) : Exception(message)
{
    public PolicyRequestException(PolicyRefusal kind, string code, string message, string pointer)
        : this(kind, code, message, [new FieldError(pointer, code, message)])
    {
    }

    public PolicyRefusal Kind { get; } = kind;

    public string Code { get; } = code;

    public IReadOnlyList<FieldError> Errors { get; } = errors;
}
