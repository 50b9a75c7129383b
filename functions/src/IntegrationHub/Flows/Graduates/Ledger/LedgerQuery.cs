using IntegrationHub.Labor.Graduates;

namespace IntegrationHub.Flows.Graduates.Ledger;

/// <summary>Which ledger entries to read: a cohort, optionally a district prefix, a school and a status (default: not yet
/// placed, the ledger proper); <see cref="PhoneEntitled"/> shows phones whole, otherwise masked.</summary>
public sealed record LedgerQuery(int Cohort, string? DistrictPrefix = null, string? SchoolCode = null, string Status = GraduateStatuses.NotYetPlaced,
    bool PhoneEntitled = false);
