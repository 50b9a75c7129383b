using IntegrationHub.Flows.Exchange.Rules;
using IntegrationHub.Labor;
using IntegrationHub.Labor.Unemployment;

namespace IntegrationHub.Flows.Exchange.Findings;

/// <summary>
/// <c>unemployed-while-paid</c>: an unemployment registration covering months, after the month it was made in, for which
/// tax withheld wages or an employer paid insurance. The month of registration and the month it ended are left out: a
/// person who lost a job mid-month was paid for part of it.
/// </summary>
internal static class PaidWhileUnemployed
{
    public static IEnumerable<FindingDraft> Find(ComparisonRule rule, ComparedPerson person)
    {
        var paid = person.Evidence.Of("tax", "wage-withholding")
            .Where(r => rule.Parameters.IncomeTypes.Contains(r.Text("incomeType") ?? ""))
            .Concat(rule.Parameters.EmployerInsurance
                ? person.Evidence.Of("hr", "social-insurance").Where(r => r.Text("status") == "paid" && r.Text("employerCreditCode") is not null)
                : [])
            .Select(r => (Record: r, Month: r.MonthOf("period")))
            .Where(p => p.Month is not null)
            .ToList();
        foreach (var span in RegisteredUnemployment.Of(person.Evidence, person.Today))
        {
            var from = Month.Of(span.RegisteredOn).Plus(1);
            var to = span.EndedOn is { } ended ? Month.Of(ended).Plus(-1) : person.ThisMonth;
            var during = paid.Where(p => p.Month >= from && p.Month <= to).ToList();
            if (during.Count == 0)
            {
                continue;
            }

            var months = during.Select(p => p.Month!.Value).Distinct().ToList();
            var detail = new JsonObject();
            if (rule.Shows("months"))
            {
                detail["months"] = ComparedPerson.MonthsJson(months);
            }

            var registrations = span.Sources.Where(s => s.Department == "hr" && s.Feed == "employment-registration")
                .Select(s => s.RecordId).Distinct().Order(StringComparer.Ordinal).ToList();
            yield return new FindingDraft(rule.Id, "hr", person.PersonId, span.RegistrationRecordId, registrations,
                months.Min().ToString(), months.Max().ToString(), ComparedPerson.EvidenceOf(during.Select(p => p.Record)), detail, null);
        }
    }
}
