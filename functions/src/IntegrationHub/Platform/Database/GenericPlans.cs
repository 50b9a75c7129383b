namespace IntegrationHub.Platform.Database;

/// <summary>
/// The statements of a small batch's intake and linking are index lookups and inserts whatever their parameters. Left to
/// itself PostgreSQL keeps planning most of them afresh for every call (their generic plans' estimated costs lose to the
/// custom ones), which was a quarter of a single-record batch's database time. These settings make them reuse one plan.
/// They are not the hub's default: some background queries (labor's "due" scans, the audit sealing function) do need plans
/// fitted to their parameters.
/// </summary>
internal static class GenericPlans
{
    /// <summary>For the rest of the transaction.</summary>
    public const string ForTransaction = "SET LOCAL plan_cache_mode = force_generic_plan";

    /// <summary>Back to plans fitted to each call's parameters, for the rest of the transaction.</summary>
    public const string FittedForTransaction = "SET LOCAL plan_cache_mode = auto";

    /// <summary>For the rest of the session; a session that sets it must <see cref="Reset"/> it before the connection goes back.</summary>
    public const string ForSession = "SET plan_cache_mode = force_generic_plan";

    public const string Reset = "RESET plan_cache_mode";
}
