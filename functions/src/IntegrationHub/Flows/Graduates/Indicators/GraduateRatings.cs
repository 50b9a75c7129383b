using IntegrationHub.Flows.Graduates.Rules;

namespace IntegrationHub.Flows.Graduates.Indicators;

/// <summary>Rates each school and each school × major of a cohort on its placement rate as of the rating date.</summary>
/// <remarks>Secured as of the date: placed by evidence dated on or before it, or a further-study or enlistment claim standing
/// now. Before the rating date the rating is provisional: it uses what is known today.</remarks>
public sealed class GraduateRatings : CohortComputation
{
    internal GraduateRatings(CohortReader reader, GraduateRules rules) : base(reader, rules)
    {
    }

    public async Task<RatingReport> ComputeAsync(int cohort, CancellationToken cancellationToken)
    {
        var rule = Rules.Rating;
        var day = rule.DateFor(cohort);
        var all = await ReadCohortAsync(cohort, cancellationToken);

        var schools = all.GroupBy(g => g.Fact.SchoolCode ?? "", StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Rate(g.Key, g.First().Fact.SchoolName, null, null, g.ToList(), day, rule)).ToList();
        var majors = all.GroupBy(g => (School: g.Fact.SchoolCode ?? "", Major: g.Fact.MajorCode ?? ""))
            .OrderBy(g => g.Key.School, StringComparer.Ordinal).ThenBy(g => g.Key.Major, StringComparer.Ordinal)
            .Select(g => Rate(g.Key.School, g.First().Fact.SchoolName, g.Key.Major, g.First().Fact.MajorName, g.ToList(), day, rule)).ToList();
        return new RatingReport(cohort, day, rule, schools, majors);
    }

    internal static RatingGroup Rate(string school, string? schoolName, string? major, string? majorName, List<CohortGraduate> graduates,
        DateOnly day, RatingRule rule)
    {
        var secured = graduates.Count(g => g.SecuredOn(day));
        var rate = GraduateIndicators.Rate(secured, graduates.Count);
        var colour = graduates.Count < rule.MinimumGroupSize ? Ratings.Insufficient
            : rate >= rule.Green ? Ratings.Green
            : rate >= rule.Yellow ? Ratings.Yellow
            : Ratings.Red;
        return new RatingGroup(school, schoolName, major, majorName, graduates.Count, secured, rate, colour);
    }
}
