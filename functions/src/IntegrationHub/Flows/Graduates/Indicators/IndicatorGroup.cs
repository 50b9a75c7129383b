namespace IntegrationHub.Flows.Graduates.Indicators;

/// <summary>
/// The indicators of one group of a cohort (a district, school or major, or all): graduates; placed (evidenced work), further
/// study, enlisted, not yet placed; the placement rate (去向落实率: a destination secured, i.e. not "not yet placed");
/// the ledger (open and not yet placed) and its follow-up rate (reached since entering) and service rate (a service since
/// entering); the hardship-family placement rate; and whether each rate meets its target. A rate over nobody is null (and meets).
/// </summary>
public sealed record IndicatorGroup(
    string? Key,
    string? Name,
    int Graduates,
    int Placed,
    int FurtherStudy,
    int Enlisted,
    int NotYetPlaced,
    double? PlacementRate,
    int Ledger,
    int FollowedUp,
    double? FollowUpRate,
    int Served,
    double? ServiceRate,
    int HardshipGraduates,
    int HardshipSecured,
    double? HardshipPlacementRate,
    bool MeetsPlacementTarget,
    bool MeetsFollowUpTarget,
    bool MeetsServiceTarget);
