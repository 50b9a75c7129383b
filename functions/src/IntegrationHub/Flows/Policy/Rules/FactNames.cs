namespace IntegrationHub.Flows.Policy.Rules;

/// <summary>Every fact a policy rule may name, with its type and meaning, from the embedded table <c>facts.json</c>;
/// docs/policy.md lists the same.</summary>
/// <remarks>Person facts are also employee facts (inside <c>employees</c>), which add the <c>spell.*</c> facts of the
/// employee's spell with the employer. A fact whose value is unknown (no birth date, no graduate record) makes every
/// comparison on it false. The table is data beside the code that computes each fact (Flows/Policy/Facts), read once.</remarks>
public static class FactNames
{
    private static readonly Dictionary<string, FactScope> Scopes = new(StringComparer.Ordinal)
    {
        ["person"] = FactScope.Person, ["employer"] = FactScope.Employer, ["employee"] = FactScope.Employee,
    };

    private static readonly Dictionary<string, FactType> Types = new(StringComparer.Ordinal)
    {
        ["boolean"] = FactType.Boolean, ["number"] = FactType.Number, ["text"] = FactType.Text, ["textSet"] = FactType.TextSet,
    };

    public static IReadOnlyList<FactDefinition> All { get; } = Load();

    private static readonly Dictionary<string, FactDefinition> ByName = All.ToDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>The fact <paramref name="name"/> as seen from <paramref name="scope"/>; null when it is not one there.</summary>
    public static FactDefinition? Find(string name, FactScope scope) =>
        ByName.TryGetValue(name, out var fact) && (fact.Scope == scope || (scope == FactScope.Employee && fact.Scope == FactScope.Person))
            ? fact
            : null;

    private static List<FactDefinition> Load()
    {
        using var stream = typeof(FactNames).Assembly.GetManifestResourceStream("policy/facts.json")
            ?? throw new InvalidOperationException("The embedded policy fact table policy/facts.json is missing.");
        var table = JsonNode.Parse(stream)!.AsObject();
        return [.. Scopes.SelectMany(scope => table[scope.Key]!.AsObject().Select(fact => new FactDefinition(fact.Key,
            Types[fact.Value!["type"]!.GetValue<string>()], scope.Value, fact.Value["meaning"]!.GetValue<string>())))];
    }
}
