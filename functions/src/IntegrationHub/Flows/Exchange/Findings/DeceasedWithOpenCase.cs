using IntegrationHub.Flows.Exchange.Rules;
using IntegrationHub.Labor;
using IntegrationHub.Labor.Unemployment;

namespace IntegrationHub.Flows.Exchange.Findings;

/// <summary>
/// <c>deceased-with-open-case</c>: public security registered the person's death, and HR has an unemployment registration
/// still open, or civil affairs an assistance case still open. One finding per open registration or case; the period is
/// the month of death.
/// </summary>
internal static class DeceasedWithOpenCase
{
    public static IEnumerable<FindingDraft> Find(ComparisonRule rule, ComparedPerson person)
    {
        var deaths = person.Evidence.Of("ps", "household-registration")
            .Where(r => r.Text("changeType") == "death" && r.Date("changeDate") is { } day && day <= person.Today)
            .OrderBy(r => r.Date("changeDate")).ToList();
        if (deaths.Count == 0)
        {
            yield break;
        }

        var death = deaths[0];
        var month = Month.Of(death.Date("changeDate")!.Value).ToString();
        var detail = rule.Shows("changeDate") ? new JsonObject { ["changeDate"] = death.Text("changeDate") } : [];
        var evidence = ComparedPerson.EvidenceOf(deaths);
        if (rule.Departments.Contains("hr"))
        {
            foreach (var span in RegisteredUnemployment.Of(person.Evidence, person.Today).Where(s => s.Open))
            {
                yield return new FindingDraft(rule.Id, "hr", person.PersonId, span.RegistrationRecordId,
                    [.. span.Sources.Where(s => s.Department == "hr").Select(s => s.RecordId).Distinct().Order(StringComparer.Ordinal)],
                    month, month, evidence, (JsonObject)detail.DeepClone(), null);
            }
        }

        if (rule.Departments.Contains("ca"))
        {
            foreach (var @case in AssistanceCase.Of(person.Evidence, rule.Parameters.AssistanceTypes, person.Today).Where(c => c.Open))
            {
                yield return new FindingDraft(rule.Id, "ca", person.PersonId, @case.Grant.Source.RecordId, [@case.Grant.Source.RecordId],
                    month, month, evidence, (JsonObject)detail.DeepClone(), null);
            }
        }
    }
}
