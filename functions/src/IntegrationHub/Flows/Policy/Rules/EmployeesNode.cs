namespace IntegrationHub.Flows.Policy.Rules;

/// <summary>An employer's clause over the persons it employs: <c>{"employees": {rule}, "atLeast": 1}</c> holds when at
/// least that many employees satisfy the rule. Its explanation counts them and explains the first few.</summary>
public sealed class EmployeesNode(string? label, RuleNode rule, int atLeast) : RuleNode(label)
{
    /// <summary>How many matching employees an explanation explains one by one.</summary>
    public const int Explained = 10;

    public RuleNode Rule { get; } = rule;

    public int AtLeast { get; } = atLeast;

    public override Clause Evaluate(FactSet facts)
    {
        var matching = new List<(string Subject, Clause Clause)>();
        foreach (var employee in facts.Employees)
        {
            var clause = Rule.Evaluate(employee);
            if (clause.Result)
            {
                matching.Add((employee.Subject, clause));
            }
        }

        var result = matching.Count >= AtLeast;
        var explanation = Explain("employees", result);
        explanation["atLeast"] = AtLeast;
        explanation["count"] = matching.Count;
        explanation["employees"] = new JsonArray([.. matching.Take(Explained).Select(m => (JsonNode)new JsonObject
        {
            ["subject"] = m.Subject,
            ["explanation"] = m.Clause.Explanation,
        })]);
        return new Clause(result, explanation, [Label ?? $"employees matching: {matching.Count} (at least {AtLeast})"]);
    }

    public override IEnumerable<string> Facts() => Rule.Facts();
}
