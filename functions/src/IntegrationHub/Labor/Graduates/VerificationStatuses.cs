namespace IntegrationHub.Labor.Graduates;

/// <summary>The outcomes of destination verification (去向核查) of one roster record.</summary>
public static class VerificationStatuses
{
    /// <summary>An employment claim matched by evidence for that employer (any work, when the claim names no employer) in the window.</summary>
    public const string Verified = "verified";

    /// <summary>Evidence of work in the window, for another employer than the one claimed.</summary>
    public const string EmployerDiffers = "employer-differs";

    /// <summary>Claimed employed, no evidence of work in the window (yet).</summary>
    public const string NoEvidence = "no-evidence";

    /// <summary>Claimed employed while registered unemployed after graduation within the window, and no evidence of the claimed work.</summary>
    public const string Contradicted = "contradicted";

    /// <summary>The claim is further study, enlistment or not yet placed: nothing to verify.</summary>
    public const string NotApplicable = "not-applicable";

    public static IReadOnlyList<string> All { get; } = [Verified, EmployerDiffers, NoEvidence, Contradicted, NotApplicable];

    /// <summary>The roster destinations that claim work.</summary>
    public static bool ClaimsWork(string? destination) => destination is "employed" or "self-employed" or "flexible";
}
