namespace IntegrationHub.Platform.Errors;

/// <summary>A rules file the hub refuses to start with: which file, where in it (JSON Pointer) and why.</summary>
public abstract class RulesFileException(string file, string pointer, string reason, string message) : Exception(message)
{
    public string File { get; } = file;

    public string Pointer { get; } = pointer;

    public string Reason { get; } = reason;
}
