using IntegrationHub.Labor.Evidence;
using IntegrationHub.Labor.Facts;

namespace IntegrationHub.Labor.Households;

/// <summary>
/// A person as a household member: employed this month (an open employment spell), in study (a graduate roster entry
/// whose graduation is still ahead, or whose destination is further study, for
/// <see cref="LaborOptions.FurtherStudyYears"/> after graduating).
/// </summary>
internal static class MemberStatusBuilder
{
    public static MemberStatus Build(PersonEvidence evidence, IReadOnlyList<LaborFact> employment, LaborOptions options, NextChange next)
    {
        var sources = new List<SourceRef>();
        if (evidence.Profile.HouseholdSource is { } household)
        {
            sources.Add(household);
        }

        var open = employment.Where(f => f.Open).ToList();
        sources.AddRange(open.Select(f => f.Sources.Max()!));
        var inStudy = false;
        foreach (var record in evidence.Of("edu", "graduate-roster"))
        {
            if (record.Date("graduationDate") is not { } graduation)
            {
                continue;
            }

            var until = record.Text("destination") == "further-study" ? graduation.AddYears(options.FurtherStudyYears) : graduation;
            if (until > next.Today)
            {
                inStudy = true;
                sources.Add(record.Source);
                next.At(until);
            }
        }

        bool? hint = evidence.Of("ca", "social-assistance").Select(r => r.Flag("workingAge")).LastOrDefault(f => f is not null);
        return new MemberStatus(evidence.PersonId, evidence.Profile.HouseholdNumber, evidence.Profile.BirthDate, evidence.Profile.Gender,
            hint, open.Count > 0, inStudy, [.. sources.Distinct().Order()]);
    }
}
