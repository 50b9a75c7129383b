using IntegrationHub.Labor.Facts;

namespace IntegrationHub.Labor.Employment;

/// <summary>
/// Turns derived spells into facts, keeping each spell's id stable: a spell takes the id of the stored spell of the same
/// employer whose months it overlaps (the earliest, when a late record joined two), and a new id otherwise.
/// </summary>
internal static class EmploymentFacts
{
    public static List<LaborFact> From(IReadOnlyList<SpellCandidate> spells, IReadOnlyList<LaborFact> stored, Func<string> newId)
    {
        var known = stored.Where(f => f.Kind == FactKind.Employment)
            .Select(f => (Fact: f, Employer: f.Detail["employer"]?.GetValue<string>() ?? "",
                From: Month.Parse(f.Data["from"]?.GetValue<string>()), Last: Month.Parse(f.Detail["last"]?.GetValue<string>())))
            .Where(k => k.From is not null && k.Last is not null)
            .OrderBy(k => k.From!.Value).ThenBy(k => k.Fact.Key, StringComparer.Ordinal).ToList();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var facts = new List<LaborFact>();
        foreach (var spell in spells.OrderBy(s => s.From).ThenBy(s => s.Employer, StringComparer.Ordinal))
        {
            var employer = spell.Employer ?? "";
            var match = known.FirstOrDefault(k => k.Employer == employer && !taken.Contains(k.Fact.Key)
                && k.From!.Value <= spell.Last && k.Last!.Value >= spell.From);
            var id = match.Fact?.Key ?? newId();
            taken.Add(id);
            var data = new JsonObject
            {
                ["spellId"] = id,
                ["employerCreditCode"] = spell.Employer,
                ["employmentForm"] = spell.Form,
                ["from"] = spell.From.ToString(),
            };
            if (!spell.Open)
            {
                data["to"] = spell.Last.ToString();
            }

            var detail = new JsonObject { ["employer"] = employer, ["last"] = spell.Last.ToString(), ["endedBy"] = spell.EndedBy };
            facts.Add(new LaborFact(FactKind.Employment, id, spell.Open, data, detail, spell.Sources));
        }

        return facts;
    }
}
