using IntegrationHub.Flows.Policy.Rules;
using IntegrationHub.Intake.Rules;
using IntegrationHub.Labor;
using IntegrationHub.Labor.Published;

namespace IntegrationHub.Flows.Policy.Facts;

/// <summary>The named facts of an employer and, for its <c>employees</c> clauses, of each person with a spell there: the
/// person's own facts plus those of their latest spell with the employer.</summary>
internal static class EmployerFacts
{
    private const int RegionStart = 2;
    private const int RegionLength = 6;

    public static FactSet Build(string creditCode, IEnumerable<PersonLaborView> employees, Func<PersonLaborView, FactSet> personFacts,
        DateOnly today)
    {
        var facts = new FactSet(creditCode);
        facts.Set("employer.creditCode", creditCode);
        facts.Set("employer.creditCodeValid", CreditCodeCheck.HasValidCheckCharacter(creditCode));
        facts.Set("employer.registrationRegion", creditCode.Length >= RegionStart + RegionLength
            ? creditCode.Substring(RegionStart, RegionLength)
            : null);
        var open = 0;
        foreach (var person in employees.Where(p => p.MergedInto is null).OrderBy(p => p.PersonId))
        {
            var spell = person.OfKind("employment").Where(s => PersonFacts.Text(s.Data, "employerCreditCode") == creditCode)
                .MaxBy(s => PersonFacts.Text(s.Data, "from"), StringComparer.Ordinal);
            if (spell is null || Month.Parse(PersonFacts.Text(spell.Data, "from")) is not { } from)
            {
                continue;
            }

            open += spell.Open ? 1 : 0;
            var own = personFacts(person);
            var employee = own.With(SpellFacts(person, own, spell, from, today));
            if (employee.NextChange is { } day)
            {
                facts.ChangesOn(day);
            }

            facts.ChangesOn(Calendar.FirstOfNextMonth(today));
            facts.Employees.Add(employee);
        }

        facts.Set("employer.employees", open);
        return facts;
    }

    private static IEnumerable<KeyValuePair<string, FactValue>> SpellFacts(PersonLaborView person, FactSet own, LaborFactView spell,
        Month from,
        DateOnly today)
    {
        var sources = spell.Sources;
        FactValue Of(JsonNode? value) => new(value, sources);
        yield return new("spell.open", Of(spell.Open));
        yield return new("spell.form", Of(PersonFacts.Text(spell.Data, "employmentForm")));
        yield return new("spell.employerInsured", new FactValue(sources.Any(s => s.Department == "hr" && s.Feed == "social-insurance"),
            [.. sources.Where(s => s.Department == "hr" && s.Feed == "social-insurance")]));
        yield return new("spell.monthsSinceStart", Of(Month.Of(today) - from));
        if (person.AgeOn(from.FirstDay) is { } age)
        {
            yield return new("spell.ageAtStart", Of(age));
        }

        var graduate = person.OfKind("graduate").Select(g => PersonFacts.Date(PersonFacts.Text(g.Data, "graduationDate")))
            .OfType<DateOnly>().Order().LastOrDefault();
        if (graduate != default)
        {
            yield return new("spell.startedMonthsAfterGraduation",
                new FactValue(from - Month.Of(graduate), [.. sources, .. own["graduate.known"].Sources]));
        }

        var registrations = person.OfKind("unemployment").Where(u =>
            Month.Parse(PersonFacts.Text(u.Data, "registeredOn")?[..7]) is { } registered && registered <= from
            && (Month.Parse(PersonFacts.Text(u.Data, "endedOn")?[..7]) is not { } ended || ended >= from.Plus(-1))).ToList();
        yield return new("spell.wasRegisteredUnemployed", new FactValue(registrations.Count > 0,
            [.. registrations.SelectMany(r => r.Sources)]));
    }
}
