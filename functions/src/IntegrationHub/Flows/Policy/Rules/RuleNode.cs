namespace IntegrationHub.Flows.Policy.Rules;

/// <summary>A clause of a policy's rule. Evaluating it gives its truth and its explanation: the clause, true or false,
/// with the facts it read and their source records, and the explanations of its parts.</summary>
public abstract class RuleNode(string? label)
{
    /// <summary>The name the policy gave the clause (<c>label</c>), if any; explanations and reasons carry it.</summary>
    public string? Label { get; } = label;

    public abstract Clause Evaluate(FactSet facts);

    /// <summary>The fact names the clause reads (an employer's employee clause: those of its employees).</summary>
    public abstract IEnumerable<string> Facts();

    protected JsonObject Explain(string op, bool result)
    {
        var explanation = new JsonObject();
        if (Label is not null)
        {
            explanation["label"] = Label;
        }

        explanation["op"] = op;
        explanation["result"] = result;
        return explanation;
    }
}

/// <summary>A clause's truth, its explanation, and the leaf clauses that decided it (for the reasons an event gives).</summary>
public sealed record Clause(bool Result, JsonObject Explanation, IReadOnlyList<string> Deciding);
