namespace IntegrationHub.Platform.Operators;

/// <summary>An operator account that cannot be made as asked (a name taken or malformed); the message says which.</summary>
public sealed class OperatorException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
