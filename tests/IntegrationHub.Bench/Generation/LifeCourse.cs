namespace IntegrationHub.Bench.Generation;

/// <summary>What a person did in 2026, from which the feeds they appear in follow.</summary>
public sealed class LifeCourse
{
    public (string Code, string Name, string Level, string SchoolCode, string SchoolName)? Study { get; set; }

    public int GraduationYear { get; set; }

    public string? Destination { get; set; }

    public Employer? Employer { get; set; }

    public string EmploymentForm { get; set; } = "standard";

    public int FirstMonth { get; set; }

    public int LastMonth { get; set; }

    public string IncomeBand { get; set; } = "A";

    /// <summary>Where the person lives and works: the household's district, or for people registered elsewhere, a district here.</summary>
    public required Region WorkRegion { get; init; }

    public bool Working => Employer is not null;
}
