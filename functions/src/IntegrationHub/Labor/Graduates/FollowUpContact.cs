namespace IntegrationHub.Labor.Graduates;

/// <summary>One contact of a district's service staff with a graduate (<c>hr/graduate-follow-up</c>, current version).
/// <see cref="Outcome"/> <c>reached</c> counts toward the follow-up rate, any <see cref="Services"/> toward the service rate.</summary>
public sealed record FollowUpContact(
    string RecordId,
    int Version,
    DateOnly ContactDate,
    string Channel,
    string Outcome,
    IReadOnlyList<string> Services,
    string? Intention,
    string? ServingRegion)
{
    public bool Reached => Outcome == "reached";
}
