using IntegrationHub.Labor.Evidence;

namespace IntegrationHub.Labor.Graduates;

/// <summary>A graduate-roster record read for graduate facts: the graduation and the destination education claims.</summary>
internal sealed record RosterEntry(LaborRecord Record, DateOnly GraduationDate, string EducationLevel, string? Destination, string? ClaimedEmployer)
{
    public int Cohort => GraduationDate.Year;

    /// <summary>One graduate fact per graduation: the year and the education level (a bachelor then a master are two).</summary>
    public string FactKey => $"{Cohort}-{EducationLevel}";

    public static List<RosterEntry> Of(PersonEvidence evidence) =>
        [.. evidence.Of("edu", "graduate-roster")
            .Where(r => r.Date("graduationDate") is not null && r.Text("educationLevel") is not null)
            .Select(r => new RosterEntry(r, r.Date("graduationDate")!.Value, r.Text("educationLevel")!, r.Text("destination"),
                r.Text("destinationEmployerCreditCode")))];
}
