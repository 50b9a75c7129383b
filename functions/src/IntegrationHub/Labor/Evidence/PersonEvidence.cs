namespace IntegrationHub.Labor.Evidence;

/// <summary>Everything one person's facts are derived from: the current records of the person and of those merged into
/// them, and the person's profile. <see cref="MergedAway"/> persons have no facts of their own.</summary>
public sealed record PersonEvidence(long PersonId, bool MergedAway, IReadOnlyList<LaborRecord> Records, PersonProfile Profile)
{
    public IEnumerable<LaborRecord> Of(string department, string feed) => Records.Where(r => r.Is(department, feed));
}
