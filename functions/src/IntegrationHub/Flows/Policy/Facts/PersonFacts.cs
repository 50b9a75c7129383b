using IntegrationHub.Flows.Policy.Rules;
using IntegrationHub.Identity;
using IntegrationHub.Labor;
using IntegrationHub.Labor.Evidence;
using IntegrationHub.Labor.Published;

namespace IntegrationHub.Flows.Policy.Facts;

/// <summary>The named facts of a person (<see cref="FactNames"/>) from what labor stored of them, as of a day.</summary>
internal static class PersonFacts
{
    public const string Flexible = "flexible";

    public static FactSet Build(PersonLaborView person, DateOnly today)
    {
        var facts = new FactSet(PersonId.Format(person.PersonId));
        if (person.AgeOn(today) is { } age)
        {
            facts.Set("person.age", age);
            facts.ChangesOn(person.BirthDate!.Value.AddYears(age + 1));
        }

        facts.Set("person.gender", person.Gender);
        facts.Set("person.workingAge", person.WorkingAge);
        var graduate = person.OfKind("graduate").OrderByDescending(g => Text(g.Data, "graduationDate"),
            StringComparer.Ordinal).FirstOrDefault();
        var region = person.HukouRegion ?? (graduate is null ? null : Text(graduate.Data, "hukouRegion"));
        facts.Set("person.hukouRegion", region,
            person.HukouRegion is not null ? Sources(person.HukouSource) : graduate is null || region is null ? null : graduate.Sources);

        var difficulty = person.OfKind("difficulty").Where(f => f.Open).ToList();
        facts.Set("difficulty.categories",
            new JsonArray([.. difficulty.Select(f => f.Key).Order(StringComparer.Ordinal).Select(k => (JsonNode)k)]),
            difficulty.SelectMany(f => f.Sources));
        var disabled = difficulty.Where(f => f.Key == "disabled").ToList();
        var graduateDisabled = graduate is not null && Flag(graduate.Data, "disabled");
        facts.Set("person.disabled", disabled.Count > 0 || graduateDisabled,
            disabled.SelectMany(f => f.Sources).Concat(graduateDisabled ? graduate!.Sources : []));
        var hardship = difficulty.Where(f => f.Key is "minimum-living" or "zero-employment-family").ToList();
        var graduateHardship = graduate is not null && Flag(graduate.Data, "hardshipFamily");
        facts.Set("person.hardshipFamily", hardship.Count > 0 || graduateHardship,
            hardship.SelectMany(f => f.Sources).Concat(graduateHardship ? graduate!.Sources : []));
        facts.Set("household.zeroEmployment", person.ZeroEmploymentHousehold, person.HouseholdSources);

        Graduate(facts, graduate, today);
        Employment(facts, person, today);
        Unemployment(facts, person, today);
        return facts;
    }

    private static void Graduate(FactSet facts, LaborFactView? graduate, DateOnly today)
    {
        facts.Set("graduate.known", graduate is not null, graduate?.Sources);
        if (graduate is null)
        {
            return;
        }

        var sources = graduate.Sources;
        facts.Set("graduate.status", Text(graduate.Data, "status"), sources);
        facts.Set("graduate.educationLevel", Text(graduate.Data, "educationLevel"), sources);
        facts.Set("graduate.placementForm", Text(graduate.Data, "placementForm"), sources);
        facts.Set("graduate.hardshipFamily", Flag(graduate.Data, "hardshipFamily"), sources);
        facts.Set("graduate.disabled", Flag(graduate.Data, "disabled"), sources);
        if (Date(Text(graduate.Data, "graduationDate")) is { } graduated)
        {
            facts.Set("graduate.monthsSinceGraduation", Calendar.WholeMonths(graduated, today), sources);
            facts.ChangesOn(Calendar.NextMonthDay(graduated, today));
            facts.Set("graduate.yearsSinceGraduationYear", today.Year - graduated.Year, sources);
            facts.ChangesOn(new DateOnly(today.Year + 1, 1, 1));
        }
    }

    private static void Employment(FactSet facts, PersonLaborView person, DateOnly today)
    {
        var spells = person.OfKind("employment").ToList();
        var open = spells.Where(s => s.Open).ToList();
        facts.Set("employment.employed", open.Count > 0, open.SelectMany(s => s.Sources));
        var withEmployer = open.Where(s => Text(s.Data, "employerCreditCode") is not null).ToList();
        facts.Set("employment.withEmployer", withEmployer.Count > 0, withEmployer.SelectMany(s => s.Sources));
        var flexible = open.Where(s => Text(s.Data, "employmentForm") == Flexible).ToList();
        facts.Set("employment.flexible", flexible.Count > 0, flexible.SelectMany(s => s.Sources));
        facts.Set("employment.forms", new JsonArray([.. open.Select(s => Text(s.Data, "employmentForm")).OfType<string>().Distinct().Order()
            .Select(f => (JsonNode)f)]), open.SelectMany(s => s.Sources));

        // A spell without an employer stands on self-paid insurance (and self-declared income): its months to this month.
        var selfPaid = spells.Where(s => Text(s.Data, "employerCreditCode") is null).ToList();
        var thisMonth = Month.Of(today);
        var months = selfPaid.Sum(s => Month.Parse(Text(s.Data, "from")) is { } from
            ? Math.Max(0, ((s.Open ? thisMonth : Month.Parse(Text(s.Data, "to")) ?? from) - from) + 1)
            : 0);
        facts.Set("employment.selfPaidInsuranceMonths", months, selfPaid.SelectMany(s => s.Sources));
        if (selfPaid.Any(s => s.Open))
        {
            facts.ChangesOn(Calendar.FirstOfNextMonth(today));
        }
    }

    private static void Unemployment(FactSet facts, PersonLaborView person, DateOnly today)
    {
        var open = person.OfKind("unemployment").Where(u => u.Open).MinBy(u => Text(u.Data, "registeredOn"), StringComparer.Ordinal);
        facts.Set("unemployment.registered", open is not null, open?.Sources);
        if (open is not null && Date(Text(open.Data, "registeredOn")) is { } registered)
        {
            facts.Set("unemployment.months", Calendar.WholeMonths(registered, today), open.Sources);
            facts.Set("unemployment.registrationRegion", Text(open.Data, "registrationRegion"), open.Sources);
            facts.ChangesOn(Calendar.NextMonthDay(registered, today));
        }
    }

    public static string? Text(JsonObject data, string name) =>
        data[name] is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : null;

    public static bool Flag(JsonObject data, string name) =>
        data[name] is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.True;

    public static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static SourceRef[]? Sources(SourceRef? source) => source is null ? null : [source];
}
