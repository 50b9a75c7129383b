namespace IntegrationHub.Identity.Lookup;

/// <summary>One link: a version of a source record, the person it was linked to and that person's survivor now, the rule and score
/// that linked it, and whether it is the record's latest linked version.</summary>
public sealed record LinkRow(string Department, string Feed, string RecordId, int Version, string PersonId, string CurrentPersonId,
    string Rule, double Score, DateTimeOffset LinkedAt, bool Current);

/// <summary>A page of links in record order; <paramref name="Next"/> is the opaque cursor to read on after, null on the last page.</summary>
public sealed record LinkPage(IReadOnlyList<LinkRow> Links, string? Next);
