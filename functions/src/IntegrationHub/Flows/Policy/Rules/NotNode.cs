namespace IntegrationHub.Flows.Policy.Rules;

/// <summary><c>not</c>: true when its part is false.</summary>
public sealed class NotNode(string? label, RuleNode part) : RuleNode(label)
{
    public RuleNode Part { get; } = part;

    public override Clause Evaluate(FactSet facts)
    {
        var clause = Part.Evaluate(facts);
        var explanation = Explain("not", !clause.Result);
        explanation["part"] = clause.Explanation;
        return new Clause(!clause.Result, explanation, Label is not null ? [Label] : [.. clause.Deciding.Select(d => "not " + d)]);
    }

    public override IEnumerable<string> Facts() => Part.Facts();
}
