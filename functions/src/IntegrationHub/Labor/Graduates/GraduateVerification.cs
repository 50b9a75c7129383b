using IntegrationHub.Labor.Evidence;

namespace IntegrationHub.Labor.Graduates;

/// <summary>The destination verification (去向核查) of one roster record (<c>labor_graduate_verification</c>): what education
/// claimed, the status (<see cref="VerificationStatuses"/>) and the source records it stands on. <see cref="ChangedAt"/> is when
/// the status last changed.</summary>
public sealed record GraduateVerification(
    string RecordId,
    int Version,
    long PersonId,
    int Cohort,
    DateOnly GraduationDate,
    string SchoolCode,
    string ClaimedDestination,
    string? ClaimedEmployer,
    string Status,
    IReadOnlyList<SourceRef> Evidence,
    DateTimeOffset ChangedAt)
{
    /// <summary>The kinds of evidence (department and feed), which is all education may see of other departments' records.</summary>
    public IReadOnlyList<string> EvidenceKinds => [.. Evidence.Select(e => $"{e.Department}/{e.Feed}").Distinct().Order(StringComparer.Ordinal)];
}
