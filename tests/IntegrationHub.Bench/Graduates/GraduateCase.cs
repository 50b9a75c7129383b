namespace IntegrationHub.Bench.Graduates;

/// <summary>What the generator decided is true of one graduate: the claim education sends, the evidence the other departments
/// send, and so the verification and status the hub must arrive at.</summary>
public sealed record GraduateCase(string Name, int Share, string Claim, bool ClaimsEmployer, string Verification, string Status);

/// <summary>The cases and their shares (per hundred graduates).</summary>
public static class GraduateCases
{
    public static IReadOnlyList<GraduateCase> All { get; } =
    [
        new("employed-evidenced", 40, "employed", true, "verified", "placed"),
        new("employed-elsewhere", 10, "employed", true, "employer-differs", "placed"),
        new("employed-no-evidence", 8, "employed", true, "no-evidence", "not-yet-placed"),
        new("employed-but-unemployed", 4, "employed", true, "contradicted", "not-yet-placed"),
        new("further-study", 12, "further-study", false, "not-applicable", "further-study"),
        new("enlisted", 3, "enlisted", false, "not-applicable", "enlisted"),
        new("unplaced-but-working", 8, "not-yet-placed", false, "not-applicable", "placed"),
        new("unplaced", 10, "not-yet-placed", false, "not-applicable", "not-yet-placed"),
        new("flexible-platform", 5, "flexible", false, "verified", "placed"),
    ];

    /// <summary>The case of a draw from 0 to 99.</summary>
    public static GraduateCase Of(int draw)
    {
        foreach (var item in All)
        {
            if (draw < item.Share)
            {
                return item;
            }

            draw -= item.Share;
        }

        throw new ArgumentOutOfRangeException(nameof(draw));
    }
}
