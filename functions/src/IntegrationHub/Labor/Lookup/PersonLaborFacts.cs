using IntegrationHub.Labor.Evidence;

namespace IntegrationHub.Labor.Lookup;

/// <summary>A person's labor facts as the worker last derived them: employment spells, registered unemployment, difficulty
/// categories, graduate status (one per graduation) and the household, each with the records it stands on.</summary>
/// <remarks>A graduate fact's data holds no name or phone (those stay in its detail, for the ledger's entitled readers).
/// Policy decisions belong to the policy flow, which a module below it cannot read.</remarks>
public sealed record PersonLaborFacts(
    IReadOnlyList<LaborFactView> Employment,
    IReadOnlyList<LaborFactView> Unemployment,
    IReadOnlyList<LaborFactView> Difficulty,
    IReadOnlyList<LaborFactView> Graduate,
    HouseholdView? Household);

/// <summary>One fact: its key (spell id, opening registration, category), whether it is open, its public fields as subscribers
/// last heard them (with the closing fields once closed) and its source records.</summary>
public sealed record LaborFactView(string Key, bool Open, JsonObject Data, IReadOnlyList<SourceRef> Sources, DateTimeOffset UpdatedAt);

/// <summary>The person's household (public security's household number) and whether it is a zero-employment household.</summary>
public sealed record HouseholdView(string HouseholdNumber, bool ZeroEmployment, int Members, int WorkingAgeMembers, string? AsOf);
