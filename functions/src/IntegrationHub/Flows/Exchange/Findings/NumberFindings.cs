using IntegrationHub.Flows.Exchange.Rules;
using IntegrationHub.Labor.Evidence;

namespace IntegrationHub.Flows.Exchange.Findings;

/// <summary>
/// The master-data findings, one per rule, department and person, naming every record of the department at fault:
/// <c>number-change</c>, records carrying a number that a public-security number change replaced; <c>invalid-id-matched</c>,
/// records carrying a number that fails the national check, linked to a person whose other records carry a valid number.
/// The number the department sent rides along encrypted, to be shown to that department only.
/// </summary>
internal static class NumberFindings
{
    public static IEnumerable<FindingDraft> NumberChange(ComparisonRule rule, ComparedPerson person)
    {
        var changes = person.Evidence.Of("ps", "household-registration")
            .Where(r => person.NumberOf(r)?.FormerIndex is not null).ToList();
        if (changes.Count == 0)
        {
            return [];
        }

        var former = changes.Select(r => person.NumberOf(r)!.FormerIndex!).ToList();
        var detail = rule.Shows("changeDate") && changes.Max(r => r.Text("changeDate")) is { } date ? new JsonObject { ["changeDate"] = date } : [];
        return Per(rule, person, r => person.NumberOf(r) is { Index: { } index } && former.Any(f => f.AsSpan().SequenceEqual(index)),
            ComparedPerson.EvidenceOf(changes), detail);
    }

    public static IEnumerable<FindingDraft> InvalidIdMatched(ComparisonRule rule, ComparedPerson person)
    {
        var valid = person.Evidence.Records.Where(r => person.NumberOf(r) is { Valid: true, Index: not null }).ToList();
        if (valid.Count == 0)
        {
            return [];
        }

        return Per(rule, person, r => person.NumberOf(r) is { Carried: true, Valid: false }, ComparedPerson.EvidenceOf(valid), []);
    }

    private static IEnumerable<FindingDraft> Per(ComparisonRule rule, ComparedPerson person, Func<LaborRecord, bool> atFault,
        JsonArray evidence, JsonObject detail)
    {
        foreach (var department in rule.Departments)
        {
            var records = person.Evidence.Records.Where(r => r.Source.Department == department && atFault(r))
                .OrderBy(r => r.Source).ToList();
            if (records.Count == 0)
            {
                continue;
            }

            var months = records.Select(ComparedPerson.MonthOf).OfType<IntegrationHub.Labor.Month>().ToList();
            var from = months.Count > 0 ? months.Min().ToString() : person.ThisMonth.ToString();
            var to = months.Count > 0 ? months.Max().ToString() : from;
            yield return new FindingDraft(rule.Id, department, person.PersonId, "",
                [.. records.Select(r => r.Source.RecordId).Distinct().Order(StringComparer.Ordinal)], from, to,
                (JsonArray)evidence.DeepClone(), (JsonObject)detail.DeepClone(), person.NumberOf(records[0])!.Cipher);
        }
    }
}
