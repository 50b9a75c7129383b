namespace IntegrationHub.Flows.Graduates.Indicators;

/// <summary>What indicators can be grouped by.</summary>
public static class IndicatorGrouping
{
    public const string District = "district";
    public const string School = "school";
    public const string Major = "major";

    public static IReadOnlyList<string> All { get; } = [District, School, Major];
}
