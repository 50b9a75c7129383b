using IntegrationHub.Flows.Graduates.Ledger;
using IntegrationHub.Labor.Graduates;

namespace IntegrationHub.Handler.OperatorConsole.Pages;

/// <summary>The ledger's filters as the console's address (or an export's form) carries them: cohort (this year when not
/// given), a district's region-code prefix, a school's code and a status (not yet placed when not given).</summary>
public sealed record GraduateFilter(int Cohort, string? District, string? School, string Status)
{
    /// <summary>The filters of <paramref name="value"/> (a query or form field by name), or the text key of the first that is wrong.</summary>
    public static (GraduateFilter? Filter, string? Problem) Parse(Func<string, string> value, DateOnly today)
    {
        var cohortText = value("cohort");
        var cohort = today.Year;
        if (cohortText.Length > 0 && !(int.TryParse(cohortText, NumberStyles.None, CultureInfo.InvariantCulture, out cohort) && cohort is >= 2000 and <= 2100))
        {
            return (null, "invalid.cohort");
        }

        var district = Optional(value("district"));
        if (district is not null && !(district.Length is >= 2 and <= 6 && district.All(char.IsAsciiDigit)))
        {
            return (null, "invalid.district");
        }

        var school = Optional(value("school"));
        if (school is not null && !(school.Length == 10 && school.All(char.IsAsciiDigit)))
        {
            return (null, "invalid.school");
        }

        var status = Optional(value("status")) ?? GraduateStatuses.NotYetPlaced;
        return GraduateStatuses.All.Contains(status) ? (new GraduateFilter(cohort, district, school, status), null) : (null, "invalid.status");
    }

    /// <summary>The ledger query; phones always masked (an operator is not the follow-up service that calls them).</summary>
    public LedgerQuery Query => new(Cohort, District, School, Status, PhoneEntitled: false);

    /// <summary>The filters as a query string (without the page), for the pager's links.</summary>
    public string QueryString => "cohort=" + Cohort.ToString(CultureInfo.InvariantCulture)
        + (District is null ? "" : "&district=" + District) + (School is null ? "" : "&school=" + School) + "&status=" + Status;

    private static string? Optional(string text) => text.Trim() is { Length: > 0 } trimmed ? trimmed : null;
}
