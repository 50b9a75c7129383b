namespace IntegrationHub.Labor.Graduates;

/// <summary>The values of a graduate fact's <c>status</c>.</summary>
public static class GraduateStatuses
{
    /// <summary>Employment evidence (tax wages or labor remuneration, social insurance paid, an HR employment registration) on
    /// or after graduation, whatever education claimed.</summary>
    public const string Placed = "placed";

    /// <summary>Education claims further study and no evidence of work replaced the claim.</summary>
    public const string FurtherStudy = "further-study";

    /// <summary>Education claims enlistment and no evidence of work replaced the claim.</summary>
    public const string Enlisted = "enlisted";

    /// <summary>No evidence of work and no further-study or enlistment claim: the graduate is in the ledger (实名制台账).</summary>
    public const string NotYetPlaced = "not-yet-placed";

    public static IReadOnlyList<string> All { get; } = [Placed, FurtherStudy, Enlisted, NotYetPlaced];
}
