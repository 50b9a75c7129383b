namespace IntegrationHub.Flows.Graduates.Rules;

/// <summary>The graduate rules file is not valid: the hub refuses to start, naming the file, the JSON Pointer and the reason.</summary>
public sealed class GraduateRulesException(string file, string pointer, string reason)
    : Exception($"Graduate rules '{file}' (Graduates:RulesFile) are not valid at '{pointer}': {reason}")
{
    public string File { get; } = file;

    public string Pointer { get; } = pointer;

    public string Reason { get; } = reason;
}
