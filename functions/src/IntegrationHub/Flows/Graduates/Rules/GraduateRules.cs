namespace IntegrationHub.Flows.Graduates.Rules;

/// <summary>
/// The rules of the graduate flow officials change, as data (<c>graduate-rules.schema.json</c>; the defaults in
/// <c>graduate-rules.default.json</c>): who is responsible for a graduate, the targets, the rating and the export schedule.
/// </summary>
public sealed record GraduateRules(DistrictRule District, Targets Targets, RatingRule Rating, ExportRule VerificationExport)
{
    public static GraduateRules Default => GraduateRulesLoader.Default;
}

/// <summary>The district responsible for a ledger graduate: the hukou region or the latest serving district, then overrides.</summary>
public sealed record DistrictRule(string Source, IReadOnlyList<DistrictOverride> Overrides)
{
    public const string HukouRegion = "hukou-region";
    public const string ServingRegion = "serving-region";

    /// <summary>The district for a region: the override with the longest matching prefix, else the region itself.</summary>
    public string? Apply(string? region) =>
        region is null ? null : Overrides.Where(o => region.StartsWith(o.RegionPrefix, StringComparison.Ordinal))
            .MaxBy(o => o.RegionPrefix.Length)?.District ?? region;
}

public sealed record DistrictOverride(string RegionPrefix, string District);

/// <summary>Targets of the follow-up rate (跟踪回访率), service rate (就业服务率) and placement rate (去向落实率).</summary>
public sealed record Targets(double FollowUpRate, double ServiceRate, double PlacementRate);

/// <summary>Red/yellow/green (红黄绿亮灯) on the placement rate as of <see cref="RatingDate"/> (MM-DD) of the graduation year.</summary>
public sealed record RatingRule(double Green, double Yellow, int MinimumGroupSize, string RatingDate)
{
    public DateOnly DateFor(int cohort) =>
        DateOnly.ParseExact($"{cohort:D4}-{RatingDate}", "yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>Daily at <see cref="At"/> (China time, HH:MM) the verification of this year's cohort and <see cref="CohortsBack"/> before it
/// is written to the exchange outbox for education.</summary>
public sealed record ExportRule(string At, int CohortsBack)
{
    public TimeOnly Time => TimeOnly.ParseExact(At, "HH:mm", CultureInfo.InvariantCulture);
}
