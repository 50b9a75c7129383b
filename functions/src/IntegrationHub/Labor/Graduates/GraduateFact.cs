using IntegrationHub.Labor.Evidence;

namespace IntegrationHub.Labor.Graduates;

/// <summary>
/// A person's graduate fact (labor_fact kind <c>graduate</c>, one per graduation, key <c>{cohort}-{educationLevel}</c>), as
/// others read it. <see cref="Name"/> and <see cref="Phone"/> are education's, as the roster record sent them: personal data,
/// for readers entitled to it (they are not in the fact's events).
/// </summary>
public sealed record GraduateFact(
    long PersonId,
    string Key,
    bool Open,
    int Cohort,
    DateOnly GraduationDate,
    string EducationLevel,
    string? SchoolCode,
    string? SchoolName,
    string? MajorCode,
    string? MajorName,
    string Status,
    DateOnly? PlacedOn,
    string? PlacementForm,
    string? EmployerCreditCode,
    string? HukouRegion,
    bool HardshipFamily,
    bool Disabled,
    DateOnly? LedgerSince,
    string? ClaimedDestination,
    string? RosterRecordId,
    string? Name,
    string? Phone,
    IReadOnlyList<SourceRef> Sources)
{
    /// <summary>In the ledger (离校未就业): open and not yet placed.</summary>
    public bool InLedger => Open && Status == GraduateStatuses.NotYetPlaced;
}
