namespace IntegrationHub.Flows.Graduates.Indicators;

/// <summary>The red/yellow/green rating (红黄绿亮灯) of a school, or of a major of a school: its graduates, those with a
/// destination secured as of the rating date, the rate and the colour (<c>green</c>, <c>yellow</c>, <c>red</c>, or
/// <c>insufficient</c> for a group under the minimum size, whose rate is still given).</summary>
public sealed record RatingGroup(string SchoolCode, string? SchoolName, string? MajorCode, string? MajorName, int Graduates, int Secured,
    double? PlacementRate, string Rating);

/// <summary>A cohort's ratings as of <see cref="RatingDate"/>, per school and per school × major, with the rule used.</summary>
public sealed record RatingReport(int Cohort, DateOnly RatingDate, Rules.RatingRule Rule, IReadOnlyList<RatingGroup> Schools,
    IReadOnlyList<RatingGroup> Majors);

/// <summary>The ratings' values.</summary>
public static class Ratings
{
    public const string Green = "green";
    public const string Yellow = "yellow";
    public const string Red = "red";
    public const string Insufficient = "insufficient";
}
