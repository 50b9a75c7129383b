using IntegrationHub.Labor.Evidence;

namespace IntegrationHub.Labor.Graduates;

/// <summary>The verification of one roster record as the worker derives and stores it (<c>labor_graduate_verification</c>).</summary>
internal sealed record VerificationRow(string RecordId, int Version, long PersonId, int Cohort, DateOnly GraduationDate, string SchoolCode,
    string ClaimedDestination, string? ClaimedEmployer, string Status, IReadOnlyList<SourceRef> Evidence)
{
    public bool SameAs(VerificationRow other) =>
        Version == other.Version && PersonId == other.PersonId && Cohort == other.Cohort && GraduationDate == other.GraduationDate
        && SchoolCode == other.SchoolCode && ClaimedDestination == other.ClaimedDestination && ClaimedEmployer == other.ClaimedEmployer
        && Status == other.Status && SourceRef.ToJson(Evidence).ToJsonString() == SourceRef.ToJson(other.Evidence).ToJsonString();
}
