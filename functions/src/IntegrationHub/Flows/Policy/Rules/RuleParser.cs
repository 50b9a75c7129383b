namespace IntegrationHub.Flows.Policy.Rules;

/// <summary>
/// Reads a rule from its JSON form and checks it: every fact name known for the subject, every comparison one its type
/// allows with a constant of that type. Each problem is reported with the JSON Pointer of the clause at fault.
/// </summary>
/// <remarks>A clause is an object with one of <c>all</c>, <c>any</c> (arrays of clauses), <c>not</c> (a clause),
/// <c>fact</c> (a name and one operator key) or <c>employees</c> (a clause and <c>atLeast</c>), and an optional
/// <c>label</c>.</remarks>
public static class RuleParser
{
    public const string Syntax = "rule-syntax";
    public const string UnknownFact = "unknown-fact";
    public const string TypeMismatch = "type-mismatch";

    private static readonly string[] Kinds = ["all", "any", "not", "fact", "employees"];

    private static readonly Dictionary<FactType, string[]> Operators = new()
    {
        [FactType.Boolean] = ["eq", "ne"],
        [FactType.Number] = ["eq", "ne", "lt", "le", "gt", "ge", "in"],
        [FactType.Text] = ["eq", "ne", "in", "startsWith"],
        [FactType.TextSet] = ["includes", "intersects", "isEmpty"],
    };

    private static readonly HashSet<string> AllOperators = [.. Operators.Values.SelectMany(o => o)];

    /// <summary>The rule at <paramref name="pointer"/>; null (with <paramref name="errors"/> added) when it is not one.</summary>
    public static RuleNode? Parse(JsonNode? node, string pointer, FactScope scope, List<FieldError> errors)
    {
        if (node is not JsonObject clause)
        {
            errors.Add(new FieldError(pointer, Syntax, "A clause is an object with one of: " + string.Join(", ", Kinds) + "."));
            return null;
        }

        var kinds = Kinds.Where(clause.ContainsKey).ToList();
        if (kinds.Count != 1)
        {
            errors.Add(new FieldError(pointer, Syntax,
                $"A clause has exactly one of {string.Join(", ", Kinds)}; "
                + $"this one has {(kinds.Count == 0 ? "none" : string.Join(" and ", kinds))}."));
            return null;
        }

        string? label = null;
        if (clause["label"] is { } labelNode)
        {
            if (labelNode.GetValueKind() != JsonValueKind.String)
            {
                errors.Add(new FieldError(pointer + "/label", Syntax, "A label is a string."));
                return null;
            }

            label = labelNode.GetValue<string>();
        }

        return kinds[0] switch
        {
            "all" or "any" => Logic(clause, kinds[0], label, pointer, scope, errors),
            "not" => Parse(clause["not"], pointer + "/not", scope, errors) is { } part ? new NotNode(label, part) : null,
            "fact" => Comparison(clause, label, pointer, scope, errors),
            _ => Employees(clause, label, pointer, scope, errors),
        };
    }

    private static RuleNode? Logic(JsonObject clause, string kind, string? label, string pointer, FactScope scope, List<FieldError> errors)
    {
        Unexpected(clause, [kind, "label"], pointer, errors);
        if (clause[kind] is not JsonArray { Count: > 0 } items)
        {
            errors.Add(new FieldError($"{pointer}/{kind}", Syntax, $"'{kind}' takes a non-empty array of clauses."));
            return null;
        }

        var parts = items.Select((item, i) => Parse(item, $"{pointer}/{kind}/{i}", scope, errors)).ToList();
        return parts.Any(p => p is null) ? null : new LogicNode(label, kind == "all", [.. parts.OfType<RuleNode>()]);
    }

    private static ComparisonNode? Comparison(JsonObject clause, string? label, string pointer, FactScope scope, List<FieldError> errors)
    {
        if (clause["fact"] is not JsonValue name || name.GetValueKind() != JsonValueKind.String)
        {
            errors.Add(new FieldError(pointer + "/fact", Syntax, "'fact' names a fact: a string."));
            return null;
        }

        var fact = FactNames.Find(name.GetValue<string>(), scope);
        if (fact is null)
        {
            var elsewhere = FactNames.All.FirstOrDefault(f => f.Name == name.GetValue<string>());
            errors.Add(new FieldError(pointer + "/fact", UnknownFact, elsewhere is null
                ? $"There is no fact '{name.GetValue<string>()}'; docs/policy.md lists the facts."
                : $"'{elsewhere.Name}' is a fact of {Scope(elsewhere.Scope)}, not of {Scope(scope)}."));
            return null;
        }

        var ops = clause.Select(p => p.Key).Where(k => k is not "fact" and not "label").ToList();
        if (ops.Count != 1 || !AllOperators.Contains(ops[0]))
        {
            errors.Add(new FieldError(pointer, Syntax,
                $"A comparison has one operator of {string.Join(", ", Operators[fact.Type])}; "
                + $"found {(ops.Count == 0 ? "none" : string.Join(", ", ops))}."));
            return null;
        }

        var op = ops[0];
        var at = $"{pointer}/{op}";
        if (!Operators[fact.Type].Contains(op))
        {
            errors.Add(new FieldError(at, TypeMismatch,
                $"'{fact.Name}' is {Describe(fact.Type)}: it takes {string.Join(", ", Operators[fact.Type])}, not '{op}'."));
            return null;
        }

        var expected = clause[op];
        var wanted = op switch
        {
            "in" or "intersects" => "array",
            "isEmpty" => "boolean",
            "includes" or "startsWith" => "string",
            _ => Kind(fact.Type),
        };
        var element = op is "in" or "intersects" ? (fact.Type == FactType.Number ? "number" : "string") : null;
        var badElements = element is not null && (expected!.AsArray().Count == 0 || !expected.AsArray().All(e => IsKind(e, element)));
        if (!IsKind(expected, wanted) || badElements)
        {
            errors.Add(new FieldError(at, TypeMismatch, element is null
                ? $"'{fact.Name}' {op} compares with {Article(wanted)}, not {Found(expected)}."
                : $"'{fact.Name}' {op} takes a non-empty array of {element}s."));
            return null;
        }

        return new ComparisonNode(label, fact, op, expected!.DeepClone());
    }

    private static EmployeesNode? Employees(JsonObject clause, string? label, string pointer, FactScope scope, List<FieldError> errors)
    {
        if (scope != FactScope.Employer)
        {
            errors.Add(new FieldError(pointer + "/employees", Syntax, "'employees' is a clause of employer policies only."));
            return null;
        }

        Unexpected(clause, ["employees", "atLeast", "label"], pointer, errors);
        var atLeast = 1;
        if (clause["atLeast"] is { } count)
        {
            if (!IsKind(count, "number") || !count.AsValue().TryGetValue<int>(out atLeast) || atLeast < 1)
            {
                errors.Add(new FieldError(pointer + "/atLeast", TypeMismatch, "'atLeast' is a whole number of at least 1."));
                return null;
            }
        }

        return Parse(clause["employees"], pointer + "/employees", FactScope.Employee, errors) is { } rule
            ? new EmployeesNode(label, rule, atLeast)
            : null;
    }

    private static void Unexpected(JsonObject clause, string[] allowed, string pointer, List<FieldError> errors)
    {
        foreach (var key in clause.Select(p => p.Key).Where(k => !allowed.Contains(k)))
        {
            errors.Add(new FieldError($"{pointer}/{key}", Syntax, $"'{key}' does not belong in this clause."));
        }
    }

    private static bool IsKind(JsonNode? node, string kind) => (node?.GetValueKind(), kind) switch
    {
        (JsonValueKind.True or JsonValueKind.False, "boolean") => true,
        (JsonValueKind.Number, "number") => true,
        (JsonValueKind.String, "string") => true,
        (JsonValueKind.Array, "array") => true,
        _ => false,
    };

    private static string Kind(FactType type) => type switch
    {
        FactType.Boolean => "boolean",
        FactType.Number => "number",
        _ => "string",
    };

    private static string Describe(FactType type) => type switch
    {
        FactType.Boolean => "a boolean",
        FactType.Number => "a number",
        FactType.Text => "a text",
        _ => "a set of codes",
    };

    private static string Article(string kind) => kind is "array" ? "an array" : "a " + kind;

    private static string Found(JsonNode? node) =>
        node is null ? "null" : node.GetValueKind().ToString().ToLowerInvariant() + " " + node.ToJsonString();

    private static string Scope(FactScope scope) => scope switch
    {
        FactScope.Person => "persons",
        FactScope.Employer => "employers",
        _ => "employees",
    };
}
