namespace IntegrationHub.Labor.Households;

/// <summary>Working age: from <see cref="LaborOptions.WorkingAgeFrom"/> to the sex's upper bound, inclusive.</summary>
internal static class WorkingAge
{
    public static bool Is(MemberStatus member, DateOnly today, LaborOptions options)
    {
        if (member.BirthDate is not { } birth)
        {
            return member.WorkingAgeHint == true;
        }

        var age = today.Year - birth.Year - (today < birth.AddYears(today.Year - birth.Year) ? 1 : 0);
        return age >= options.WorkingAgeFrom && age <= UpperBound(member, options);
    }

    /// <summary>The next day the member enters or leaves working age.</summary>
    public static DateOnly? NextChange(MemberStatus member, DateOnly today, LaborOptions options)
    {
        if (member.BirthDate is not { } birth)
        {
            return null;
        }

        var entering = birth.AddYears(options.WorkingAgeFrom);
        var leaving = birth.AddYears(UpperBound(member, options) + 1);
        return entering > today ? entering : leaving > today ? leaving : null;
    }

    private static int UpperBound(MemberStatus member, LaborOptions options) =>
        member.Gender == Evidence.PersonProfile.Female ? options.WorkingAgeToWomen : options.WorkingAgeToMen;
}
