namespace IntegrationHub.Flows.Exchange.Findings;

/// <summary>A finding as its department reads it (API and NDJSON files alike).</summary>
/// <param name="IdNumber">For number findings, the number the department itself sent on the records; only in its own
/// department's reads.</param>
public sealed record FindingView(
    string FindingId,
    string RuleId,
    string Department,
    string PersonId,
    IReadOnlyList<string> RecordIds,
    FindingPeriod Period,
    JsonArray Evidence,
    JsonObject Detail,
    string Status,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? ResolvedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? AcknowledgedAt,
    DateTimeOffset ChangedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? IdNumber);

public sealed record FindingPeriod(string From, string To);

/// <summary>What a department asks for: findings changed after <paramref name="Since"/>, of one rule, open or resolved;
/// a page: the findings after <paramref name="After"/> (in the list's order), at most <paramref name="Limit"/> of them. The list
/// is oldest change first, or newest first when <paramref name="NewestFirst"/> (the console's order).</summary>
public sealed record FindingFilter(DateTimeOffset? Since, string? RuleId, bool? Open, FindingCursor? After = null, int? Limit = null,
    bool NewestFirst = false);

/// <summary>A page of findings, and whether more follow it.</summary>
public sealed record FindingList(IReadOnlyList<FindingView> Findings, bool More);

/// <summary>The outcome of an acknowledgement: counts when done; otherwise the first finding id at fault and why.</summary>
public sealed record AcknowledgeResult(int Acknowledged, int AlreadyAcknowledged, AcknowledgeRefusal? Refusal, string? Pointer, string? Message);

public enum AcknowledgeRefusal
{
    /// <summary>A finding id that names no finding.</summary>
    Unknown,

    /// <summary>A finding of another department.</summary>
    OtherDepartment,
}
