namespace IntegrationHub.Flows.Graduates.Verification;

/// <summary>What education gets back for one roster record it sent: its claim, the verification status and the kinds of
/// evidence (department/feed), never another department's record.</summary>
public sealed record EduVerificationLine(
    string RecordId,
    int Version,
    int Cohort,
    DateOnly GraduationDate,
    string SchoolCode,
    string ClaimedDestination,
    string? ClaimedEmployerCreditCode,
    string Status,
    IReadOnlyList<string> Evidence,
    DateTimeOffset StatusSince);
