namespace IntegrationHub.Bench.Generation;

/// <summary>One human being of the synthetic population, as public security would have it if nobody made a mistake.</summary>
public sealed class SyntheticPerson
{
    public required string Key { get; init; }

    public required int Index { get; init; }

    /// <summary>The 18-digit number in use today.</summary>
    public required string IdNumber { get; init; }

    /// <summary>The number this person held before a number change (公民身份号码变更), when there was one.</summary>
    public string? FormerIdNumber { get; init; }

    public required string Name { get; init; }

    public string? FormerName { get; init; }

    public required string Surname { get; init; }

    public required string Gender { get; init; }

    public required DateOnly BirthDate { get; init; }

    public required string Ethnicity { get; init; }

    public required SyntheticHousehold Household { get; init; }

    public required string RelationToHead { get; init; }

    /// <summary>Everyone of 14 and over has a mobile number.</summary>
    public string? Phone { get; init; }

    /// <summary>Set when this person was made to share name, birth date and district with the person of that key.</summary>
    public string? NamesakeOf { get; init; }

    /// <summary>Set for a twin: the key of the other twin.</summary>
    public string? TwinOf { get; set; }

    public int AgeOn(DateOnly day) =>
        day.Year - BirthDate.Year - (day.Month < BirthDate.Month || (day.Month == BirthDate.Month && day.Day < BirthDate.Day) ? 1 : 0);
}
