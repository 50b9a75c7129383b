using IntegrationHub.Flows.Exchange.Rules;

namespace IntegrationHub.Flows.Exchange.Findings;

/// <summary>Runs every enabled rule on one person; keeps only findings for the departments each rule names.</summary>
internal static class Comparisons
{
    public static List<FindingDraft> Run(RuleCatalog catalog, ComparedPerson person)
    {
        var drafts = new List<FindingDraft>();
        if (person.Evidence.MergedAway)
        {
            // A merged-away person's records are the survivor's now: its findings resolve, the survivor's take them up.
            return drafts;
        }

        foreach (var rule in catalog.Enabled)
        {
            IEnumerable<FindingDraft> found = rule.Kind switch
            {
                RuleKinds.UnemployedWhilePaid => PaidWhileUnemployed.Find(rule, person),
                RuleKinds.AssistanceWhileWages => AssistanceWhileWages.Find(rule, person),
                RuleKinds.DeceasedWithOpenCase => DeceasedWithOpenCase.Find(rule, person),
                RuleKinds.NumberChange => NumberFindings.NumberChange(rule, person),
                RuleKinds.InvalidIdMatched => NumberFindings.InvalidIdMatched(rule, person),
                RuleKinds.DestinationContradicted => DestinationContradicted.Find(rule, person),
                _ => [],
            };
            drafts.AddRange(found.Where(d => rule.Departments.Contains(d.Department)));
        }

        return drafts;
    }
}
