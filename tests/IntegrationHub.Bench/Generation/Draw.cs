namespace IntegrationHub.Bench.Generation;

/// <summary>Draws from the generator's one seeded <see cref="Random"/>, so a seed always gives the same population.</summary>
public static class Draw
{
#pragma warning disable CA5394 // Reproducible test data, not security.
    public static int Int(Random random, int maxExclusive) => random.Next(maxExclusive);

    public static int Int(Random random, int minInclusive, int maxExclusive) => random.Next(minInclusive, maxExclusive);

    public static bool Chance(Random random, double probability) => probability > 0 && random.NextDouble() < probability;

    /// <summary>An index in [0, count) where low indexes are much likelier (popular names first).</summary>
    public static int Skewed(Random random, int count)
    {
        var u = random.NextDouble();
        return Math.Min(count - 1, (int)(count * u * u));
    }
#pragma warning restore CA5394

    public static T Pick<T>(Random random, IReadOnlyList<T> items) => items[Int(random, items.Count)];

    public static DateOnly Day(Random random, DateOnly from, DateOnly to) =>
        from.AddDays(Int(random, to.DayNumber - from.DayNumber + 1));
}
