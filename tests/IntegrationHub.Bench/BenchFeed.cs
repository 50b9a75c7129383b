namespace IntegrationHub.Bench;

/// <summary>One of the seven feeds, with its share of the generated records (in percent).</summary>
public sealed record BenchFeed(string Department, string Feed, int Share, string RecordIdPrefix)
{
    public static readonly IReadOnlyList<BenchFeed> All =
    [
        new("hr", "social-insurance", 30, "SI"),
        new("tax", "wage-withholding", 30, "TX"),
        new("hr", "employment-registration", 12, "ER"),
        new("ps", "household-registration", 8, "HH"),
        new("edu", "graduate-roster", 8, "GR"),
        new("hr", "skill-certificate", 6, "SC"),
        new("ca", "social-assistance", 6, "CA"),
    ];

    public string Path => $"{Department}/{Feed}";

    /// <summary>
    /// Splits <paramref name="total"/> by share (the remainder to the first feeds, so the counts add up exactly), or
    /// gives it all to <paramref name="only"/> when named.
    /// </summary>
    public static int[] Distribute(int total, string? only = null)
    {
        if (only is not null)
        {
            var index = All.ToList().FindIndex(f => f.Path == only);
            if (index < 0)
            {
                throw new ArgumentException($"--feed must be one of: {string.Join(", ", All.Select(f => f.Path))}");
            }

            return All.Select((_, i) => i == index ? total : 0).ToArray();
        }

        var counts = All.Select(feed => (int)((long)total * feed.Share / 100)).ToArray();
        for (int i = 0, left = total - counts.Sum(); left > 0; i = (i + 1) % counts.Length, left--)
        {
            counts[i]++;
        }

        return counts;
    }
}
