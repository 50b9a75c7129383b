namespace IntegrationHub.Flows.Exchange.Rules;

/// <summary>A comparison rule file the hub refuses to start with: which file, where in it (JSON Pointer) and why.</summary>
public sealed class RuleCatalogException(string file, string pointer, string reason)
    : RulesFileException(file, pointer, reason, $"Comparison rule {file} at '{pointer}': {reason}");
