using IntegrationHub.Flows.Policy.Rules;

namespace IntegrationHub.Flows.Policy.Catalogue;

/// <summary>One version of one policy, loaded and checked: who it decides on, where and when it applies, its rule and cap.</summary>
/// <remarks><see cref="Document"/> is the file as written, which <c>GET /api/policies</c> returns.</remarks>
public sealed record PolicyDocument(
    string Id,
    int Version,
    PolicySubject Subject,
    IReadOnlyList<string> Regions,
    DateOnly EffectiveFrom,
    DateOnly? EffectiveTo,
    PolicyCap? Cap,
    RuleNode Rule,
    JsonObject Document,
    string File)
{
    /// <summary>In effect on <paramref name="day"/>: from <see cref="EffectiveFrom"/> through <see cref="EffectiveTo"/>,
    /// inclusive.</summary>
    public bool InEffectOn(DateOnly day) => day >= EffectiveFrom && (EffectiveTo is not { } to || day <= to);

    /// <summary>Whether a subject in <paramref name="region"/> (a six-digit code) is where the policy applies.</summary>
    public bool Covers(string? region) => region is not null && Regions.Any(r => region.StartsWith(r, StringComparison.Ordinal));

    public bool Overlaps(PolicyDocument other) =>
        (EffectiveTo is not { } to || to >= other.EffectiveFrom) && (other.EffectiveTo is not { } otherTo || otherTo >= EffectiveFrom);

    /// <summary>A hash of the document as loaded: a changed file re-decides every subject even under the same version.</summary>
    public string ContentHash { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Document.ToJsonString())));
}
