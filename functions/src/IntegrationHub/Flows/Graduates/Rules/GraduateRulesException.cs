namespace IntegrationHub.Flows.Graduates.Rules;

/// <summary>The graduate rules file is not valid: the hub refuses to start, naming the file, the JSON Pointer and the reason.</summary>
public sealed class GraduateRulesException(string file, string pointer, string reason)
    : RulesFileException(file, pointer, reason, $"Graduate rules '{file}' (Graduates:RulesFile) are not valid at '{pointer}': {reason}");
