namespace IntegrationHub.Identity.Lookup;

/// <summary>Which links to list (like HAPI MDM's <c>$mdm-query-links</c>): those of a person (and of persons merged into it), of a
/// rule, with a score in a range; any left null does not filter.</summary>
public sealed record LinkFilter(long? Person, string? Rule, double? MinScore, double? MaxScore);
