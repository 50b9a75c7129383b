namespace IntegrationHub.Flows.Exchange.Findings;

/// <summary>A finding as <c>exchange_finding</c> holds it: what it says (<see cref="Content"/>, without the number) and its
/// standing.</summary>
internal sealed record StoredFinding(
    long FindingId,
    FindingDraft Content,
    bool Open,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    DateTimeOffset? ResolvedAt);
