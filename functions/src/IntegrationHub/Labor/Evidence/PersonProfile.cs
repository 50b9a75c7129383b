namespace IntegrationHub.Labor.Evidence;

/// <summary>Who the person is, as labor facts need it: birth date and sex (golden record, else the identity number),
/// and the household public security places them in (null when they moved out or died).</summary>
public sealed record PersonProfile(DateOnly? BirthDate, string? Gender, string? HouseholdNumber, SourceRef? HouseholdSource)
{
    public const string Male = "1";
    public const string Female = "2";

    public int? AgeOn(DateOnly day) =>
        BirthDate is not { } birth ? null : day.Year - birth.Year - (day < birth.AddYears(day.Year - birth.Year) ? 1 : 0);

    /// <summary>The day the person turns <paramref name="age"/>.</summary>
    public DateOnly? Turns(int age) => BirthDate?.AddYears(age);
}
