namespace IntegrationHub.Flows.Exchange.Indicators;

/// <summary>The regional indicators of one month: per district (a GB/T 2260 six-digit code; null: region unknown) and in total,
/// or, while a feed they stand on has sent nothing for the month, <c>incomplete</c> with the feeds missing and no figures.</summary>
public sealed record MonthlyIndicatorReport(string Month, string? Region, string By, string Status, IReadOnlyList<string> MissingFeeds,
    DistrictIndicators? Total, IReadOnlyList<DistrictIndicators> Districts)
{
    public const string Complete = "complete";

    public const string Incomplete = "incomplete";
}

/// <summary>One district's figures for a month (see docs/department-exchange.md for how each is counted).</summary>
public sealed record DistrictIndicators(string? District, int Employed, int NewlyEmployed, int RegisteredUnemployed, int RegistrationsOpened,
    int RegistrationsClosed, int ZeroEmploymentHouseholds, int DifficultyPersons);

/// <summary>How a person is placed in a district: by hukou (户籍地, the default) or, for the unemployment registrations, by where
/// the registration was made (登记地; the hukou region when the registration names none).</summary>
public static class IndicatorDistricts
{
    public const string Hukou = "hukou";

    public const string Registration = "registration";

    public static IReadOnlyList<string> All { get; } = [Hukou, Registration];
}
