using IntegrationHub.Flows.Graduates.Rules;
using IntegrationHub.Labor.Graduates;

namespace IntegrationHub.Flows.Graduates;

/// <summary>A graduate fact of a cohort with what the flow adds: the district responsible and the follow-up contacts (read for
/// graduates in the ledger, and for all when the district follows the serving region).</summary>
internal sealed record CohortGraduate(GraduateFact Fact, string? District, IReadOnlyList<FollowUpContact> Contacts)
{
    /// <summary>In the ledger with a contact that reached them since they entered it (跟踪回访).</summary>
    public bool FollowedUp => Fact.InLedger && Contacts.Any(c => c.Reached && c.ContactDate >= (Fact.LedgerSince ?? Fact.GraduationDate));

    /// <summary>In the ledger with a contact that gave at least one service since they entered it (就业服务).</summary>
    public bool Served => Fact.InLedger && Contacts.Any(c => c.Services.Count > 0 && c.ContactDate >= (Fact.LedgerSince ?? Fact.GraduationDate));

    /// <summary>A destination secured (去向落实): placed by evidence, or further study or enlistment.</summary>
    public bool Secured => Fact.Status != GraduateStatuses.NotYetPlaced;

    /// <summary>Secured as of <paramref name="day"/>: placed by then, or further study or enlistment.</summary>
    public bool SecuredOn(DateOnly day) =>
        Fact.Status is GraduateStatuses.FurtherStudy or GraduateStatuses.Enlisted
        || (Fact.Status == GraduateStatuses.Placed && Fact.PlacedOn is { } placed && placed <= day);

    public static string? DistrictOf(GraduateFact fact, IReadOnlyList<FollowUpContact> contacts, DistrictRule rule)
    {
        var region = rule.Source == DistrictRule.ServingRegion && contacts.LastOrDefault(c => c.ServingRegion is not null) is { } latest
            ? latest.ServingRegion
            : fact.HukouRegion;
        return rule.Apply(region);
    }
}
