using IntegrationHub.Flows.Graduates.Rules;
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
    private readonly GraduateFacts facts;
    private readonly DistrictRule district;

    internal GraduateLedger(CohortReader reader, GraduateFacts facts, DistrictRule district)
    {
        this.reader = reader;
        this.facts = facts;
        this.district = district;
    }

    public async IAsyncEnumerable<LedgerEntry> ReadAsync(LedgerQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var graduate in MatchingAsync(query, cancellationToken))
        {
            yield return Entry(graduate, query.PhoneEntitled);
        }
    }

    /// <summary>One page of the ledger, in person order: the first, the one after <paramref name="from"/>, or
    /// (<paramref name="backwards"/>) the one before it; with how many entries there are in all and ahead of it.</summary>
    /// <remarks>Going back without a place, or from one with no entry before it any more (every one ahead left the ledger while
    /// the reader paged), gives the first page: the last entries read backwards from nowhere, or an empty page, would be shown
    /// as page 1 with no way on.</remarks>
    public async Task<LedgerPage> ReadPageAsync(LedgerQuery query, GraduateKey? from, bool backwards, int size, CancellationToken cancellationToken)
    {
        if (from is not null)
        {
            var page = await ReadFromAsync(query, from, backwards, size, cancellationToken);
            if (!backwards || page.Entries.Count > 0)
            {
                return page;
            }
        }

        return await ReadFromAsync(query, null, backwards: false, size, cancellationToken);
    }

    /// <summary>The page <see cref="ReadPageAsync"/> asks for, as asked.</summary>
    /// <remarks>Read by keyset and counted in the database: a page reads its own graduates and their contacts, not the cohort's.
    /// A district is its hukou region's under the rule's overrides, so the regions of a district prefix are chosen from the
    /// per-region counts. Only when the district follows the serving region (the latest contact's) does a district filter
    /// need every graduate's contacts: then the cohort is read whole, as <see cref="ReadAsync"/> does, and the page cut from it.</remarks>
    private async Task<LedgerPage> ReadFromAsync(LedgerQuery query, GraduateKey? from, bool backwards, int size, CancellationToken cancellationToken)
    {
        if (query.DistrictPrefix is not null && district.Source == DistrictRule.ServingRegion)
        {
            return await ReadPageWholeAsync(query, from, backwards, size, cancellationToken);
        }

        var which = new OpenGraduates(query.Cohort, query.Status, query.SchoolCode);
        if (query.DistrictPrefix is { } prefix)
        {
            var regions = await facts.CountOpenByRegionAsync(which, null, cancellationToken);
            which = which with
            {
                HukouRegions = [.. regions.Select(c => c.HukouRegion).OfType<string>()
                    .Where(region => district.Apply(region)!.StartsWith(prefix, StringComparison.Ordinal))],
            };
        }

        var graduates = await reader.ReadPageAsync(which, from, backwards, size, cancellationToken);
        // One count gives the total and how many are ahead of the page's first entry. An empty page after a cursor has every
        // entry ahead (an empty page going back is not kept: ReadPageAsync reads the first).
        var counts = await facts.CountOpenByRegionAsync(which, from is null || graduates.Count == 0 ? null : Key(graduates[0]),
            cancellationToken);
        var total = counts.Sum(c => c.Count);
        var ahead = from is null ? 0 : graduates.Count == 0 ? total : counts.Sum(c => c.Before);
        return Page(query, graduates, total, ahead);
    }

    /// <summary>A page cut from the whole filtered ledger, for a district filter that needs every graduate's contacts.</summary>
    private async Task<LedgerPage> ReadPageWholeAsync(LedgerQuery query, GraduateKey? from, bool backwards, int size,
        CancellationToken cancellationToken)
    {
        var all = new List<CohortGraduate>();
        await foreach (var graduate in MatchingAsync(query, cancellationToken))
        {
            all.Add(graduate);
        }

        var start = from is not { } key ? 0 : all.FindIndex(g => Compare(Key(g), key) > 0) is var after and >= 0 ? after : all.Count;
        if (backwards && from is { } before)
        {
            var end = all.FindIndex(g => Compare(Key(g), before) >= 0) is var at and >= 0 ? at : all.Count;
            start = Math.Max(0, end - size);
            return Page(query, all[start..end], all.Count, start);
        }

        return Page(query, [.. all.Skip(start).Take(size)], all.Count, start);
    }

    private async IAsyncEnumerable<CohortGraduate> MatchingAsync(LedgerQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var graduate in reader.ReadAsync(query.Cohort,
                           f => f.Open && f.Status == query.Status && (query.SchoolCode is null || f.SchoolCode == query.SchoolCode),
                           cancellationToken))
        {
            if (query.DistrictPrefix is not { } prefix || graduate.District?.StartsWith(prefix, StringComparison.Ordinal) == true)
            {
                yield return graduate;
            }
        }
    }

    private static LedgerPage Page(LedgerQuery query, List<CohortGraduate> graduates, long total, long ahead) =>
        new([.. graduates.Select(g => Entry(g, query.PhoneEntitled))], total, ahead,
            graduates.Count > 0 ? Key(graduates[0]) : null, graduates.Count > 0 ? Key(graduates[^1]) : null);

    private static GraduateKey Key(CohortGraduate graduate) => new(graduate.Fact.PersonId, graduate.Fact.Key);

    /// <summary>Person order, as the database sorts the cohort (fact keys are a cohort and a level's digits).</summary>
    private static int Compare(GraduateKey a, GraduateKey b) =>
        a.PersonId != b.PersonId ? a.PersonId.CompareTo(b.PersonId) : string.CompareOrdinal(a.FactKey, b.FactKey);

    private static LedgerEntry Entry(CohortGraduate graduate, bool phoneEntitled)
    {
        var fact = graduate.Fact;
        return new LedgerEntry(PersonId.Format(fact.PersonId), fact.Name, fact.Cohort, fact.EducationLevel, fact.GraduationDate,
            fact.SchoolCode, fact.SchoolName, fact.MajorCode, fact.MajorName, fact.HukouRegion, graduate.District, fact.HardshipFamily,
            fact.Disabled, phoneEntitled ? fact.Phone : Mask(fact.Phone), fact.Status, fact.LedgerSince,
            [.. graduate.Contacts.Select(c => new LedgerContact(c.RecordId, c.ContactDate, c.Channel, c.Outcome, c.Services, c.Intention,
                c.ServingRegion))]);
    }

    /// <summary>A phone with its middle four digits hidden (138****5678), for readers not entitled to it.</summary>
    public static string? Mask(string? phone)
    {
        var digits = phone is null ? "" : new string([.. phone.Where(char.IsAsciiDigit)]);
        return digits.Length < 11 ? phone is null ? null : "****" : $"{digits[^11..^8]}****{digits[^4..]}";
    }
}
