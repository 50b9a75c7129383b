using IntegrationHub.Labor.Evidence;

namespace IntegrationHub.Flows.Policy.Rules;

/// <summary>The facts of one subject, by name, and for an employer the fact sets of its employees.</summary>
public sealed class FactSet(string subject)
{
    private readonly Dictionary<string, FactValue> values = new(StringComparer.Ordinal);

    /// <summary>The subject as it leaves the hub: a person id (<c>P…</c>) or a credit code.</summary>
    public string Subject { get; } = subject;

    public List<FactSet> Employees { get; } = [];

    /// <summary>The next day after the facts were read on which one of them changes by the calendar alone.</summary>
    public DateOnly? NextChange { get; private set; }

    /// <summary>Notes that a fact changes on <paramref name="day"/> by the calendar alone.</summary>
    public void ChangesOn(DateOnly day)
    {
        if (NextChange is null || day < NextChange)
        {
            NextChange = day;
        }
    }

    public FactValue this[string name] => values.TryGetValue(name, out var value) ? value : FactValue.Unknown;

    public void Set(string name, JsonNode? value, IEnumerable<SourceRef>? sources = null) =>
        values[name] = new FactValue(value, sources is null ? [] : [.. sources.Distinct().Order()]);

    /// <summary>A copy with the same values, for adding an employee's spell facts to the person's own.</summary>
    public FactSet With(IEnumerable<KeyValuePair<string, FactValue>> more)
    {
        var copy = new FactSet(Subject) { NextChange = NextChange };
        foreach (var (name, value) in values.Concat(more))
        {
            copy.values[name] = value;
        }

        return copy;
    }
}
