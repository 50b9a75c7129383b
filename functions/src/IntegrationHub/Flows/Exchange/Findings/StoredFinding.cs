using System.Text.Json.Nodes;

namespace IntegrationHub.Flows.Exchange.Findings;

/// <summary>A finding as <c>exchange_finding</c> holds it.</summary>
internal sealed record StoredFinding(
    long FindingId,
    string RuleId,
    string Department,
    long PersonId,
    string Key,
    IReadOnlyList<string> RecordIds,
    string PeriodFrom,
    string PeriodTo,
    JsonArray Evidence,
    JsonObject Detail,
    bool Open,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    DateTimeOffset? ResolvedAt);
