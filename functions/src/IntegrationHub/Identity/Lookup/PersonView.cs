using IntegrationHub.Identity.Review;

namespace IntegrationHub.Identity.Lookup;

/// <summary>Everything identity knows of one person: the golden record with its lineage, the linked records, the merges and
/// splits that shaped it and the review items about it.</summary>
/// <param name="MergedInto">The survivor when this person was merged away; its golden record is then empty (read the survivor).</param>
/// <param name="IdNumber">The trusted identity number, masked unless the reader is entitled (<see cref="PersonReader"/>); null when none.</param>
/// <param name="Golden">Each attribute (name, birthDate, ...) with its value, source record and the survivorship rule that chose it.</param>
/// <param name="Records">The records whose latest linked version belongs to this person or to one merged into it.</param>
public sealed record PersonView(
    string PersonId,
    string? MergedInto,
    string? IdNumber,
    bool IdNumberMasked,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyDictionary<string, GoldenAttribute> Golden,
    IReadOnlyList<LinkedRecord> Records,
    IReadOnlyList<PersonHistoryEntry> History,
    IReadOnlyList<PersonReviewItem> Reviews);

/// <summary>One golden-record attribute: its value, the record version it came from and why that one (<see cref="GoldenRules"/>).</summary>
public sealed record GoldenAttribute(JsonNode? Value, RecordVersion Source, string Rule);

/// <summary>A version of a department's source record.</summary>
public sealed record RecordVersion(string Department, string Feed, string RecordId, int Version);

/// <summary>A record linked to the person: the rule that linked it (<c>id-number</c>, <c>probabilistic</c>, <c>new-person</c>,
/// <c>review</c>, <c>split</c>) and its score; <paramref name="LinkedTo"/> is the person the link names (one merged into this one,
/// or this one).</summary>
public sealed record LinkedRecord(string Department, string Feed, string RecordId, int Version, string Rule, double Score,
    DateTimeOffset LinkedAt, string LinkedTo);

/// <summary>A merge, unmerge or split that involved the person or one merged into it, as the audit log recorded it.</summary>
/// <param name="Action"><c>merge</c> (<paramref name="PersonId"/> into <paramref name="OtherPersonId"/>), <c>unmerge</c> (out of it)
/// or <c>split</c> (records of <paramref name="PersonId"/> to the new <paramref name="OtherPersonId"/>).</param>
/// <param name="Rule">For the matcher's own merges: the consolidation rule and its score.</param>
public sealed record PersonHistoryEntry(DateTimeOffset At, string Action, string Actor, string PersonId, string OtherPersonId, string? Rule,
    double? Score, IReadOnlyList<RecordKey>? Records);

/// <summary>A review item about the person (open or decided).</summary>
public sealed record PersonReviewItem(long ReviewId, RecordVersion Record, string PersonId, string Reason, double Score,
    DateTimeOffset CreatedAt, string? Decision, DateTimeOffset? DecidedAt);

/// <summary>The survivorship rules a golden attribute can be chosen by.</summary>
public static class GoldenRules
{
    /// <summary>The source department is the authority on the attribute (public security on who a person is, education on
    /// schooling, hr on its registrations); the latest of its records wins.</summary>
    public const string Authority = "authority";

    /// <summary>No authority has the attribute: the latest record of the others that has it fills the gap.</summary>
    public const string FillsGap = "fills-gap";
}
