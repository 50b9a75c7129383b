namespace IntegrationHub.Flows.Policy.Catalogue;

/// <summary>The cap of a recurring benefit: at most <see cref="Months"/> months, counted as <see cref="MonthCounts"/> says.</summary>
/// <remarks>The only counting the hub knows is <c>calendar-month-eligible</c>: each calendar month in which the subject was
/// decided eligible counts once, from the first such month on, across gaps.</remarks>
public sealed record PolicyCap(int Months, string MonthCounts)
{
    public const string CalendarMonthEligible = "calendar-month-eligible";
}
