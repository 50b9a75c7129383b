namespace IntegrationHub.Flows.Policy.Rules;

/// <summary><c>all</c> (every part true) or <c>any</c> (at least one part true). Every part is evaluated, so that the
/// explanation says of each whether it held.</summary>
public sealed class LogicNode(string? label, bool all, IReadOnlyList<RuleNode> parts) : RuleNode(label)
{
    public bool IsAll { get; } = all;

    public IReadOnlyList<RuleNode> Parts { get; } = parts;

    public override Clause Evaluate(FactSet facts)
    {
        var clauses = Parts.Select(p => p.Evaluate(facts)).ToList();
        var result = IsAll ? clauses.All(c => c.Result) : clauses.Any(c => c.Result);
        var explanation = Explain(IsAll ? "all" : "any", result);
        explanation["parts"] = new JsonArray([.. clauses.Select(c => (JsonNode)c.Explanation)]);
        // What decided: for all, the parts that failed it (or all of them when it held); for any, the parts that held it.
        var deciding = clauses.Where(c => c.Result == result).SelectMany(c => c.Deciding);
        return new Clause(result, explanation, Label is not null ? [Label] : [.. deciding.Distinct()]);
    }

    public override IEnumerable<string> Facts() => Parts.SelectMany(p => p.Facts());
}
