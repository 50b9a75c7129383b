namespace IntegrationHub.Flows.Exchange.Rules;

/// <summary>A rule file the hub refuses to start with: which file, where in it (JSON Pointer) and why.</summary>
public sealed class RuleCatalogException(string file, string pointer, string reason)
    : Exception($"Comparison rule {file} at '{pointer}': {reason}")
{
    public string File { get; } = file;

    public string Pointer { get; } = pointer;

    public string Reason { get; } = reason;
}
