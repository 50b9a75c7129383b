namespace IntegrationHub.Flows.Policy.Catalogue;

/// <summary>A checked set of policies: every version of every policy, no two versions of one in effect on the same day.</summary>
public sealed class PolicyCatalogue(IReadOnlyList<PolicyDocument> documents)
{
    public static PolicyCatalogue Empty { get; } = new([]);

    public IReadOnlyList<PolicyDocument> Documents { get; } = [.. documents.OrderBy(d => d.Id,
        StringComparer.Ordinal).ThenBy(d => d.Version)];

    public IEnumerable<string> Ids => Documents.Select(d => d.Id).Distinct();

    /// <summary>The version of <paramref name="id"/> in effect on <paramref name="day"/>; null when none is.</summary>
    public PolicyDocument? InEffect(string id, DateOnly day) => Documents.FirstOrDefault(d => d.Id == id && d.InEffectOn(day));
}
