namespace IntegrationHub.Flows.Graduates.Ledger;

/// <summary>One graduate of the real-name ledger (实名制台账, 一人一档): who, from where, the district responsible, since when,
/// and every follow-up contact.</summary>
public sealed record LedgerEntry(
    string PersonId,
    string? Name,
    int Cohort,
    string EducationLevel,
    DateOnly GraduationDate,
    string? SchoolCode,
    string? SchoolName,
    string? MajorCode,
    string? MajorName,
    string? HukouRegion,
    string? District,
    bool HardshipFamily,
    bool Disabled,
    string? Phone,
    string Status,
    DateOnly? Since,
    IReadOnlyList<LedgerContact> FollowUps);

/// <summary>A follow-up contact as the ledger shows it.</summary>
public sealed record LedgerContact(string RecordId, DateOnly ContactDate, string Channel, string Outcome, IReadOnlyList<string> Services,
    string? Intention, string? ServingRegion);
