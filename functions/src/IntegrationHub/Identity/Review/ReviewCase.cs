namespace IntegrationHub.Identity.Review;

/// <summary>
/// One review item as the console works it: the item, its decision if made, and the person the record itself belongs to
/// now (through an earlier version, or linked since), which a reviewer may merge into the proposed person.
/// </summary>
public sealed record ReviewCase(ReviewItem Item, string? Decision, DateTimeOffset? DecidedAt, string? RecordPerson,
    string? RecordPersonMergedInto, string? ProposedMergedInto, JsonNode? RecordPersonData);
