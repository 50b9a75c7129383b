namespace IntegrationHub.Flows.Policy.Catalogue;

/// <summary>The cap of a recurring benefit: at most <see cref="Months"/> months, counted as <see cref="MonthCounts"/> says,
/// for the subject or (<see cref="Per"/> = <c>employee</c>, employer policies) for each employee separately.</summary>
/// <remarks>The only counting the hub knows is <c>calendar-month-eligible</c>: each calendar month in which the subject was
/// decided eligible counts once, from the first such month on, across gaps. Per employee: each such month counts for every
/// employee who satisfied the policy's employees clause in it.</remarks>
public sealed record PolicyCap(int Months, string MonthCounts, string Per = PolicyCap.PerSubject)
{
    public const string CalendarMonthEligible = "calendar-month-eligible";
    public const string PerSubject = "subject";
    public const string PerEmployee = "employee";
}
