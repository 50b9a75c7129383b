using IntegrationHub.Identity;
using IntegrationHub.Labor.Graduates;

namespace IntegrationHub.Flows.Graduates.Ledger;

/// <summary>
/// The real-name ledger of unplaced graduates (离校未就业实名制台账): each graduate of the cohort whose fact is open and not yet
/// placed (or open with the status asked for), in person order, with the district responsible and the follow-up history.
/// </summary>
public sealed class GraduateLedger
{
    private readonly CohortReader reader;

    internal GraduateLedger(CohortReader reader) => this.reader = reader;

    public async IAsyncEnumerable<LedgerEntry> ReadAsync(LedgerQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var graduate in reader.ReadAsync(query.Cohort,
                           f => f.Open && f.Status == query.Status && (query.SchoolCode is null || f.SchoolCode == query.SchoolCode),
                           cancellationToken))
        {
            if (query.DistrictPrefix is { } prefix && graduate.District?.StartsWith(prefix, StringComparison.Ordinal) != true)
            {
                continue;
            }

            var fact = graduate.Fact;
            yield return new LedgerEntry(PersonId.Format(fact.PersonId), fact.Name, fact.Cohort, fact.EducationLevel, fact.GraduationDate,
                fact.SchoolCode, fact.SchoolName, fact.MajorCode, fact.MajorName, fact.HukouRegion, graduate.District, fact.HardshipFamily,
                fact.Disabled, query.PhoneEntitled ? fact.Phone : Mask(fact.Phone), fact.Status, fact.LedgerSince,
                [.. graduate.Contacts.Select(c => new LedgerContact(c.RecordId, c.ContactDate, c.Channel, c.Outcome, c.Services, c.Intention,
                    c.ServingRegion))]);
        }
    }

    /// <summary>A phone with its middle four digits hidden (138****5678), for readers not entitled to it.</summary>
    public static string? Mask(string? phone)
    {
        var digits = phone is null ? "" : new string([.. phone.Where(char.IsAsciiDigit)]);
        return digits.Length < 11 ? phone is null ? null : "****" : $"{digits[^11..^8]}****{digits[^4..]}";
    }
}
