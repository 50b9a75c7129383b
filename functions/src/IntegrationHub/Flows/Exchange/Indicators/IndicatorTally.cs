using IntegrationHub.Labor;
using IntegrationHub.Labor.Published;

namespace IntegrationHub.Flows.Exchange.Indicators;

/// <summary>Counts one month's indicators from labor's facts, district by district.</summary>
/// <remarks>
/// Stocks are taken at the month's end: employed (a spell covering the month), registered unemployed (registered by the last day
/// and not ended by it), difficulty persons and zero-employment households (a difficulty fact holding on the last day; the
/// households are those of persons in the <c>zero-employment-family</c> category). Flows are counted within the month: newly
/// employed (a spell starting in the month for a person no spell covered the month before), registrations opened (registered
/// in the month) and closed (ended in the month).
/// </remarks>
internal sealed class IndicatorTally(Month month, string? region, string by)
{
    private const string ZeroEmploymentFamily = "zero-employment-family";

    private readonly DateOnly first = month.FirstDay;
    private readonly DateOnly last = month.Plus(1).FirstDay.AddDays(-1);
    private readonly Dictionary<string, Counts> districts = new(StringComparer.Ordinal);
    private readonly Counts total = new();
    private readonly Dictionary<long, (string? District, bool Before, bool Started)> employment = [];

    private static readonly DistrictIndicators Nothing = new(null, 0, 0, 0, 0, 0, 0, 0);

    public void Add(RegionalFact fact)
    {
        switch (fact.Kind)
        {
            case "employment":
                AddSpell(fact);
                break;
            case "unemployment":
                AddRegistration(fact);
                break;
            case "difficulty":
                AddDifficulty(fact);
                break;
        }
    }

    public (DistrictIndicators Total, List<DistrictIndicators> Districts) Finish()
    {
        foreach (var (person, (district, before, started)) in employment)
        {
            if (started && !before && Counted(district) is { } counts)
            {
                counts.NewlyEmployed.Add(person);
                total.NewlyEmployed.Add(person);
            }
        }

        // A district only facts outside the month placed here has nothing to show.
        return (total.ToIndicators(null), [.. districts.OrderBy(d => d.Key, StringComparer.Ordinal)
            .Select(d => d.Value.ToIndicators(d.Key.Length == 0 ? null : d.Key))
            .Where(d => d with { District = null } != Nothing)]);
    }

    private void AddSpell(RegionalFact fact)
    {
        if (Month.Parse(fact.From) is not { } from)
        {
            return;
        }

        var to = Month.Parse(fact.To);
        bool Covers(Month m) => from <= m && (to is null || to.Value >= m);
        employment.TryGetValue(fact.PersonId, out var seen);
        employment[fact.PersonId] = (fact.HukouRegion, seen.Before || Covers(month.Plus(-1)), seen.Started || from == month);
        if (Covers(month) && Counted(fact.HukouRegion) is { } counts)
        {
            counts.Employed.Add(fact.PersonId);
            total.Employed.Add(fact.PersonId);
        }
    }

    private void AddRegistration(RegionalFact fact)
    {
        if (Day(fact.From) is not { } registered)
        {
            return;
        }

        var ended = Day(fact.To);
        var district = by == IndicatorDistricts.Registration ? fact.RegistrationRegion ?? fact.HukouRegion : fact.HukouRegion;
        if (Counted(district) is not { } counts)
        {
            return;
        }

        if (registered <= last && (ended is null || ended.Value > last))
        {
            counts.RegisteredUnemployed.Add(fact.PersonId);
            total.RegisteredUnemployed.Add(fact.PersonId);
        }

        if (registered >= first && registered <= last)
        {
            counts.Opened++;
            total.Opened++;
        }

        if (ended >= first && ended <= last)
        {
            counts.Closed++;
            total.Closed++;
        }
    }

    private void AddDifficulty(RegionalFact fact)
    {
        if (Day(fact.From) is not { } since || since > last || Day(fact.To) is { } until && until <= last
            || Counted(fact.HukouRegion) is not { } counts)
        {
            return;
        }

        counts.Difficulty.Add(fact.PersonId);
        total.Difficulty.Add(fact.PersonId);
        if (fact.Category == ZeroEmploymentFamily && fact.HouseholdNumber is { } household)
        {
            counts.Households.Add(household);
            total.Households.Add(household);
        }
    }

    /// <summary>The counts of the district, or null when it lies outside the region asked for (an unknown district lies
    /// outside every region; without one it is counted under null).</summary>
    private Counts? Counted(string? district)
    {
        if (region is not null && (district is null || !district.StartsWith(region, StringComparison.Ordinal)))
        {
            return null;
        }

        var key = district ?? "";
        if (!districts.TryGetValue(key, out var counts))
        {
            districts[key] = counts = new Counts();
        }

        return counts;
    }

    private static DateOnly? Day(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private sealed class Counts
    {
        public HashSet<long> Employed { get; } = [];

        public HashSet<long> NewlyEmployed { get; } = [];

        public HashSet<long> RegisteredUnemployed { get; } = [];

        public HashSet<long> Difficulty { get; } = [];

        public HashSet<string> Households { get; } = new(StringComparer.Ordinal);

        public int Opened { get; set; }

        public int Closed { get; set; }

        public DistrictIndicators ToIndicators(string? district) => new(district, Employed.Count, NewlyEmployed.Count,
            RegisteredUnemployed.Count, Opened, Closed, Households.Count, Difficulty.Count);
    }
}
