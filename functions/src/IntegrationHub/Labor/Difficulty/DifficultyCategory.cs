namespace IntegrationHub.Labor.Difficulty;

/// <summary>The employment-difficulty categories (就业困难人员), as HR's difficultyCategory codes them.</summary>
internal static class DifficultyCategory
{
    public const string LongTermUnemployed = "long-term-unemployed";
    public const string Disabled = "disabled";
    public const string MinimumLiving = "minimum-living";
    public const string ZeroEmploymentFamily = "zero-employment-family";
    public const string Age4050 = "age-40-50";
    public const string Other = "other";

    public static IReadOnlyList<string> All { get; } = [LongTermUnemployed, Disabled, MinimumLiving, ZeroEmploymentFamily, Age4050, Other];
}
