namespace IntegrationHub.Platform.Outbox;

/// <summary>
/// The CloudEvents types the hub emits: reverse-DNS, versioned. Each has a JSON Schema for its data in
/// <c>contracts/events/{type}.schema.json</c>.
/// </summary>
public static class EventTypes
{
    public const string Prefix = "cn.gov.hrss.hub.";

    public const string PersonCreated = Prefix + "person.created.v1";
    public const string PersonUpdated = Prefix + "person.updated.v1";
    public const string PersonMerged = Prefix + "person.merged.v1";
    public const string PersonSplit = Prefix + "person.split.v1";
    public const string EmploymentStarted = Prefix + "employment.started.v1";
    public const string EmploymentEnded = Prefix + "employment.ended.v1";
    public const string UnemploymentRegistered = Prefix + "unemployment.registered.v1";
    public const string UnemploymentEnded = Prefix + "unemployment.ended.v1";
    public const string DifficultyEntered = Prefix + "difficulty.entered.v1";
    public const string DifficultyLeft = Prefix + "difficulty.left.v1";
    public const string ZeroEmploymentEntered = Prefix + "household.zero-employment.entered.v1";
    public const string ZeroEmploymentCleared = Prefix + "household.zero-employment.cleared.v1";
    public const string FindingOpened = Prefix + "finding.opened.v1";
    public const string FindingResolved = Prefix + "finding.resolved.v1";
    public const string FeedOverdue = Prefix + "feed.overdue.v1";
    public const string FeedAnomalous = Prefix + "feed.anomalous.v1";
    public const string EmployerLayoffWarning = Prefix + "employer.layoff-warning.v1";
    public const string GraduateUnplaced = Prefix + "graduate.unplaced.v1";
    public const string GraduatePlaced = Prefix + "graduate.placed.v1";
    public const string GraduateVerificationChanged = Prefix + "graduate.verification-changed.v1";
    public const string PolicyEligible = Prefix + "policy.eligible.v1";
    public const string PolicyIneligible = Prefix + "policy.ineligible.v1";
    public const string PersonTransferredOut = Prefix + "person.transferred-out.v1";
    public const string PersonTransferredIn = Prefix + "person.transferred-in.v1";

    /// <summary>The types whose subject is not a person (a feed: <c>feed:tax/wage-withholding</c>; an employer:
    /// <c>employer:{credit code}</c>); their data has no personId.</summary>
    public static IReadOnlyList<string> NotAboutPersons { get; } = [FeedOverdue, FeedAnomalous, EmployerLayoffWarning];

    public static IReadOnlyList<string> All { get; } =
    [
        PersonCreated, PersonUpdated, PersonMerged, PersonSplit, EmploymentStarted, EmploymentEnded, UnemploymentRegistered,
        UnemploymentEnded, DifficultyEntered, DifficultyLeft, ZeroEmploymentEntered, ZeroEmploymentCleared,
        FindingOpened, FindingResolved, FeedOverdue, FeedAnomalous, EmployerLayoffWarning,
        GraduateUnplaced, GraduatePlaced, GraduateVerificationChanged,
        PolicyEligible, PolicyIneligible, PersonTransferredOut, PersonTransferredIn,
    ];
}
