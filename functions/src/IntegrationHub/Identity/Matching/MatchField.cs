namespace IntegrationHub.Identity.Matching;

/// <summary>The fields compared, each with its agreement levels (most to least agreeing).</summary>
public enum MatchField
{
    /// <summary>exact, same in simplified characters, sound alike, one character apart, different.</summary>
    Name,

    /// <summary>exact, day and month swapped, one year off, different.</summary>
    BirthDate,

    /// <summary>the record's invalid number is one substitution or transposition from the person's, different.</summary>
    IdNumber,

    /// <summary>agree, disagree.</summary>
    Gender,

    /// <summary>same county, same prefecture, different.</summary>
    Region,

    /// <summary>agree, disagree.</summary>
    Phone,

    /// <summary>the same name reading is already on record at the record's employer (only agreement counts: people change jobs).</summary>
    Employer,
}
