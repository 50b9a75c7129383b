using IntegrationHub.Flows.Exchange.Rules;
using IntegrationHub.Labor;

namespace IntegrationHub.Flows.Exchange.Findings;

/// <summary>
/// <c>assistance-while-wages</c>: an assistance case during which tax shows wages in the rule's bands for at least
/// <c>consecutiveMonths</c> months in a row. The finding names the longest such run (the first, when two are as long).
/// </summary>
internal static class AssistanceWhileWages
{
    public static IEnumerable<FindingDraft> Find(ComparisonRule rule, ComparedPerson person)
    {
        var parameters = rule.Parameters;
        var wages = person.Evidence.Of("tax", "wage-withholding")
            .Where(r => parameters.IncomeTypes.Contains(r.Text("incomeType") ?? "") && parameters.IncomeBands.Contains(r.Text("incomeBand") ?? ""))
            .Select(r => (Record: r, Month: r.MonthOf("period")))
            .Where(w => w.Month is not null)
            .ToList();
        if (wages.Count == 0)
        {
            yield break;
        }

        foreach (var @case in AssistanceCase.Of(person.Evidence, parameters.AssistanceTypes, person.Today))
        {
            var (from, to) = @case.Months(person.ThisMonth);
            var months = wages.Where(w => w.Month >= from && w.Month <= to).Select(w => w.Month!.Value).Distinct().Order().ToList();
            if (LongestRun(months) is not { } run || run.To - run.From + 1 < parameters.ConsecutiveMonths)
            {
                continue;
            }

            var inRun = wages.Where(w => w.Month >= run.From && w.Month <= run.To).ToList();
            var detail = new JsonObject();
            if (rule.Shows("months"))
            {
                detail["months"] = ComparedPerson.MonthsJson(inRun.Select(w => w.Month!.Value).Distinct());
            }

            if (rule.Shows("incomeBand"))
            {
                // The highest band withheld in each month of the run: what the review needs, and no more.
                detail["incomeBands"] = new JsonObject([.. inRun.GroupBy(w => w.Month!.Value).OrderBy(g => g.Key)
                    .Select(g => KeyValuePair.Create(g.Key.ToString(), (JsonNode?)g.Max(w => w.Record.Text("incomeBand"))))]);
            }

            yield return new FindingDraft(rule.Id, "ca", person.PersonId, @case.Grant.Source.RecordId, [@case.Grant.Source.RecordId],
                run.From.ToString(), run.To.ToString(), ComparedPerson.EvidenceOf(inRun.Select(w => w.Record)), detail, null);
        }
    }

    private static (Month From, Month To)? LongestRun(List<Month> months)
    {
        (Month From, Month To)? best = null;
        for (var i = 0; i < months.Count;)
        {
            var j = i;
            while (j + 1 < months.Count && months[j + 1] - months[j] == 1)
            {
                j++;
            }

            if (best is null || months[j] - months[i] > best.Value.To - best.Value.From)
            {
                best = (months[i], months[j]);
            }

            i = j + 1;
        }

        return best;
    }
}
