namespace IntegrationHub.Flows.Policy.Rules;

/// <summary>A comparison of one named fact with a constant: <c>{"fact": "person.age", "le": 24}</c>. An unknown value makes
/// it false.</summary>
public sealed class ComparisonNode(string? label, FactDefinition fact, string op, JsonNode expected) : RuleNode(label)
{
    public FactDefinition Fact { get; } = fact;

    public string Op { get; } = op;

    public JsonNode Expected { get; } = expected;

    public override Clause Evaluate(FactSet facts)
    {
        var value = facts[Fact.Name];
        var result = value.Value is { } actual && Holds(actual);
        var explanation = Explain(Op, result);
        explanation["fact"] = Fact.Name;
        explanation["expected"] = Expected.DeepClone();
        explanation["value"] = value.Value?.DeepClone();
        explanation["sources"] = new JsonArray([.. value.Sources.Select(s => (JsonNode)s.ToJson())]);
        return new Clause(result, explanation, [Label ?? Describe()]);
    }

    public override IEnumerable<string> Facts() => [Fact.Name];

    public string Describe() => $"{Fact.Name} {Op} {Expected.ToJsonString()}";

    private bool Holds(JsonNode actual) => Op switch
    {
        "eq" => JsonNode.DeepEquals(actual, Expected),
        "ne" => !JsonNode.DeepEquals(actual, Expected),
        "lt" => Number(actual) < Number(Expected),
        "le" => Number(actual) <= Number(Expected),
        "gt" => Number(actual) > Number(Expected),
        "ge" => Number(actual) >= Number(Expected),
        "in" => Expected.AsArray().Any(e => JsonNode.DeepEquals(actual, e)),
        "startsWith" => Text(actual).StartsWith(Text(Expected), StringComparison.Ordinal),
        "includes" => actual.AsArray().Any(a => JsonNode.DeepEquals(a, Expected)),
        "intersects" => actual.AsArray().Any(a => Expected.AsArray().Any(e => JsonNode.DeepEquals(a, e))),
        "isEmpty" => (actual.AsArray().Count == 0) == Expected.GetValue<bool>(),
        _ => throw new InvalidOperationException($"The parser admits no operator '{Op}'."),
    };

    // Read through its JSON text: a value built in memory (an int) and one parsed from a file compare alike.
    private static decimal Number(JsonNode node) => decimal.Parse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string Text(JsonNode node) => node.GetValue<string>();
}
