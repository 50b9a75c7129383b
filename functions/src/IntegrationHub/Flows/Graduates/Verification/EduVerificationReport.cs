using IntegrationHub.Labor.Graduates;

namespace IntegrationHub.Flows.Graduates.Verification;

/// <summary>A cohort's destination verification as education sees it, one line per roster record, in recordId order.</summary>
public sealed class EduVerificationReport(GraduateVerifications verifications)
{
    public async IAsyncEnumerable<EduVerificationLine> ReadAsync(int cohort, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var v in verifications.ReadCohortAsync(cohort, cancellationToken))
        {
            yield return new EduVerificationLine(v.RecordId, v.Version, v.Cohort, v.GraduationDate, v.SchoolCode, v.ClaimedDestination,
                v.ClaimedEmployer, v.Status, v.EvidenceKinds, v.ChangedAt);
        }
    }
}
