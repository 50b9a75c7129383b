using IntegrationHub.Flows.Graduates.Rules;
using IntegrationHub.Labor.Graduates;

namespace IntegrationHub.Flows.Graduates.Indicators;

/// <summary>Computes a cohort's indicators per district, school or major from the graduate facts and follow-ups.</summary>
public sealed class GraduateIndicators : CohortComputation
{
    internal GraduateIndicators(CohortReader reader, GraduateRules rules) : base(reader, rules)
    {
    }

    public async Task<IndicatorReport> ComputeAsync(int cohort, string by, CancellationToken cancellationToken)
    {
        if (!IndicatorGrouping.All.Contains(by))
        {
            throw new ArgumentOutOfRangeException(nameof(by), by, "district, school or major");
        }

        var all = await ReadCohortAsync(cohort, cancellationToken);
        var groups = all.GroupBy(g => Key(g, by), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Compute(g.Key, Name(g.First(), by), g.ToList(), Rules.Targets))
            .ToList();
        return new IndicatorReport(cohort, by, Rules.Targets, Compute(null, null, all, Rules.Targets), groups);
    }

    internal static IndicatorGroup Compute(string? key, string? name, IReadOnlyList<CohortGraduate> graduates, Targets targets)
    {
        var count = graduates.Count;
        var placed = graduates.Count(g => g.Fact.Status == GraduateStatuses.Placed);
        var study = graduates.Count(g => g.Fact.Status == GraduateStatuses.FurtherStudy);
        var enlisted = graduates.Count(g => g.Fact.Status == GraduateStatuses.Enlisted);
        var unplaced = graduates.Count(g => g.Fact.Status == GraduateStatuses.NotYetPlaced);
        var ledger = graduates.Count(g => g.Fact.InLedger);
        var followed = graduates.Count(g => g.FollowedUp);
        var served = graduates.Count(g => g.Served);
        var hardship = graduates.Where(g => g.Fact.HardshipFamily).ToList();
        var hardshipSecured = hardship.Count(g => g.Secured);
        var placementRate = Rate(count - unplaced, count);
        var followUpRate = Rate(followed, ledger);
        var serviceRate = Rate(served, ledger);
        return new IndicatorGroup(key, name, count, placed, study, enlisted, unplaced, placementRate, ledger, followed, followUpRate, served,
            serviceRate, hardship.Count, hardshipSecured, Rate(hardshipSecured, hardship.Count), Meets(placementRate, targets.PlacementRate),
            Meets(followUpRate, targets.FollowUpRate), Meets(serviceRate, targets.ServiceRate));
    }

    /// <summary>A share rounded to four decimals (so 9 of 10 is 0.9 exactly), or null over nobody.</summary>
    internal static double? Rate(int part, int whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);

    private static bool Meets(double? rate, double target) => rate is null || rate >= target;

    private static string Key(CohortGraduate graduate, string by) => by switch
    {
        IndicatorGrouping.District => graduate.District ?? "",
        IndicatorGrouping.School => graduate.Fact.SchoolCode ?? "",
        _ => graduate.Fact.MajorCode ?? "",
    };

    private static string? Name(CohortGraduate graduate, string by) => by switch
    {
        IndicatorGrouping.School => graduate.Fact.SchoolName,
        IndicatorGrouping.Major => graduate.Fact.MajorName,
        _ => null,
    };
}
