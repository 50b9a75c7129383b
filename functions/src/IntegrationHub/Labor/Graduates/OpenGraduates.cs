namespace IntegrationHub.Labor.Graduates;

/// <summary>Which open graduate facts a paged read takes: a cohort's in one status, optionally of one school and of some hukou
/// regions (null: any region).</summary>
public sealed record OpenGraduates(int Cohort, string Status, string? SchoolCode = null, IReadOnlyList<string>? HukouRegions = null);

/// <summary>Where a graduate fact stands in person order (the cohort reads' order): its person and key.</summary>
public readonly record struct GraduateKey(long PersonId, string FactKey);

/// <summary>How many of the open graduate facts a read takes have one hukou region, and how many of those come before a key.</summary>
public sealed record GraduateRegionCount(string? HukouRegion, long Count, long Before);
