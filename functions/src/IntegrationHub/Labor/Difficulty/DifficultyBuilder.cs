using IntegrationHub.Labor.Evidence;
using IntegrationHub.Labor.Facts;
using IntegrationHub.Labor.Unemployment;

namespace IntegrationHub.Labor.Difficulty;

/// <summary>
/// Derives the employment-difficulty categories a person is in now, each with the day it began (the earliest of its
/// evidence) and the records it stands on:
/// long-term-unemployed: registered unemployed for <see cref="LaborOptions.LongTermUnemployedMonths"/> months;
/// disabled: civil affairs' disability level, education's disabled flag;
/// minimum-living: civil affairs' minimum-living assistance granted and not terminated since;
/// zero-employment-family: the person's household is a zero-employment household;
/// age-40-50: registered unemployed women from 40, men from 50;
/// and for every category, HR's own certification: the difficultyCategory of the person's latest HR registration.
/// </summary>
internal static class DifficultyBuilder
{
    public static List<LaborFact> Build(PersonEvidence evidence, IReadOnlyList<UnemploymentEpisode> episodes, HouseholdStanding household,
        LaborOptions options, HubCalendar calendar, NextChange next)
    {
        var found = new Dictionary<string, (DateOnly Since, List<SourceRef> Sources)>(StringComparer.Ordinal);
        void Add(string category, DateOnly since, IEnumerable<SourceRef> sources)
        {
            if (!found.TryGetValue(category, out var entry))
            {
                found[category] = (since, [.. sources]);
                return;
            }

            entry.Sources.AddRange(sources);
            found[category] = (since < entry.Since ? since : entry.Since, entry.Sources);
        }

        var today = next.Today;
        if (episodes.FirstOrDefault(e => e.Open) is { } unemployed)
        {
            var longTerm = unemployed.RegisteredOn.AddMonths(options.LongTermUnemployedMonths);
            if (longTerm <= today)
            {
                Add(DifficultyCategory.LongTermUnemployed, longTerm, unemployed.Sources);
            }
            else
            {
                next.At(longTerm);
            }

            var threshold = evidence.Profile.Gender switch
            {
                PersonProfile.Female => evidence.Profile.Turns(options.OlderWomenAge),
                PersonProfile.Male => evidence.Profile.Turns(options.OlderMenAge),
                _ => null,
            };
            if (threshold is { } reached && reached <= today)
            {
                Add(DifficultyCategory.Age4050, reached > unemployed.RegisteredOn ? reached : unemployed.RegisteredOn, unemployed.Sources);
            }
            else
            {
                next.At(threshold);
            }
        }

        foreach (var record in evidence.Of("ca", "social-assistance"))
        {
            if (record.Has("disabilityLevel") && record.Date("effectiveDate") is { } effective)
            {
                if (effective <= today)
                {
                    Add(DifficultyCategory.Disabled, effective, [record.Source]);
                }
                else
                {
                    next.At(effective);
                }
            }
        }

        foreach (var record in evidence.Of("edu", "graduate-roster").Where(r => r.Flag("disabled") == true))
        {
            Add(DifficultyCategory.Disabled, calendar.DateOf(record.ReceivedAt), [record.Source]);
        }

        MinimumLiving(evidence, next, Add);
        if (household.ZeroEmployment && household.AsOf is { } asOf)
        {
            Add(DifficultyCategory.ZeroEmploymentFamily, asOf, household.Sources);
        }

        HrCertified(evidence, next, Add);
        var enabled = (options.DifficultyCategories.Count == 0 ? DifficultyCategory.All : options.DifficultyCategories.AsEnumerable())
            .ToHashSet(StringComparer.Ordinal);
        return [.. found.Where(f => enabled.Contains(f.Key)).OrderBy(f => f.Key, StringComparer.Ordinal).Select(f =>
            new LaborFact(FactKind.Difficulty, f.Key, true,
                new JsonObject { ["category"] = f.Key, ["since"] = FactKind.Format(f.Value.Since) }, new JsonObject(),
                [.. f.Value.Sources.Distinct().Order()]))];
    }

    /// <summary>Civil affairs' minimum-living decisions in date order: granted opens, terminated closes.</summary>
    private static void MinimumLiving(PersonEvidence evidence, NextChange next, Action<string, DateOnly, IEnumerable<SourceRef>> add)
    {
        (DateOnly Since, List<SourceRef> Sources)? granted = null;
        var decisions = evidence.Of("ca", "social-assistance").Where(r => r.Text("assistanceType") == "minimum-living")
            .Select(r => (Record: r, Date: r.Date("effectiveDate"))).Where(r => r.Date is not null)
            .OrderBy(r => r.Date).ThenBy(r => r.Record.Source);
        foreach (var (record, date) in decisions)
        {
            if (date > next.Today)
            {
                next.At(date);
                continue;
            }

            switch (record.Text("status"))
            {
                case "granted" when granted is null:
                    granted = (date!.Value, [record.Source]);
                    break;
                case "granted":
                    granted.Value.Sources.Add(record.Source);
                    break;
                case "terminated":
                    granted = null;
                    break;
            }
        }

        if (granted is { } g)
        {
            add(DifficultyCategory.MinimumLiving, g.Since, g.Sources);
        }
    }

    /// <summary>HR's view is its latest registration's: the category it names holds since the first of the registrations
    /// in a row that named it; a later registration without it ends it.</summary>
    private static void HrCertified(PersonEvidence evidence, NextChange next, Action<string, DateOnly, IEnumerable<SourceRef>> add)
    {
        var registrations = evidence.Of("hr", "employment-registration")
            .Select(r => (Record: r, Date: r.Date("eventDate"))).Where(r => r.Date is not null)
            .OrderBy(r => r.Date).ThenBy(r => r.Record.Source).ToList();
        foreach (var future in registrations.Where(r => r.Date > next.Today))
        {
            next.At(future.Date);
        }

        var past = registrations.Where(r => r.Date <= next.Today).ToList();
        if (past.Count == 0 || past[^1].Record.Text("difficultyCategory") is not { } category || !DifficultyCategory.All.Contains(category))
        {
            return;
        }

        var run = past.AsEnumerable().Reverse().TakeWhile(r => r.Record.Text("difficultyCategory") == category).ToList();
        add(category, run[^1].Date!.Value, run.Select(r => r.Record.Source));
    }
}
