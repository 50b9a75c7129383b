using IntegrationHub.Flows.Policy.Catalogue;
using IntegrationHub.Flows.Policy.Rules;
using IntegrationHub.Labor;

namespace IntegrationHub.Flows.Policy.Decisions;

/// <summary>
/// Decides one policy for one subject from its facts: in effect today, in the policy's regions, the rule, then the cap.
/// The explanation lists each clause true or false with the facts and source records it read.
/// </summary>
/// <remarks>A capped benefit counts each calendar month in which the subject is decided eligible, carried from the previous
/// decision; the month after the cap's last is ineligible, and the reasons say so. While eligible under a cap the decision
/// is made again on the first of each month, so that every eligible month is counted.</remarks>
public static class PolicyDecider
{
    public static Decision Decide(string policyId, PolicyDocument? policy, FactSet facts, SubjectKey subject, Decision? previous,
        DateOnly today)
    {
        var clauses = new JsonArray();
        var reasons = new List<string>();
        var eligible = false;
        int? granted = null;
        Month? through = null;
        EmployeeCapLedger? ledger = null;
        if (policy is null)
        {
            clauses.Add(new JsonObject { ["label"] = "in effect", ["op"] = "inEffect", ["result"] = false });
            reasons.Add("no version of the policy is in effect");
        }
        else
        {
            var regionFact = policy.Subject == PolicySubject.Person ? "person.hukouRegion" : "employer.registrationRegion";
            var region = facts[regionFact];
            var inRegion = policy.Covers(region.Value?.GetValue<string>());
            clauses.Add(new JsonObject
            {
                ["label"] = "in the policy's regions",
                ["op"] = "region",
                ["result"] = inRegion,
                ["fact"] = regionFact,
                ["expected"] = new JsonArray([.. policy.Regions.Select(r => (JsonNode)r)]),
                ["value"] = region.Value?.DeepClone(),
                ["sources"] = new JsonArray([.. region.Sources.Select(s => (JsonNode)s.ToJson())]),
            });
            ledger = policy.Cap is { Per: PolicyCap.PerEmployee } perEmployee ? EmployeeCapLedger.From(perEmployee, previous, today) : null;
            var ruleFacts = ledger?.WithinCap(facts) ?? facts;
            var rule = policy.Rule.Evaluate(ruleFacts);
            clauses.Add(rule.Explanation);
            eligible = inRegion && rule.Result;
            if (!inRegion)
            {
                reasons.Add("outside the policy's regions");
            }

            if (rule.Result == eligible)
            {
                // Eligible: the clauses that made it so; ineligible by the rule: the clauses that failed.
                reasons.AddRange(rule.Deciding);
            }

            if (ledger is not null)
            {
                ledger.Count(policy.Rule, ruleFacts, eligible, previous?.Eligible == true, reasons);
            }
            else if (policy.Cap is { } cap)
            {
                (eligible, granted, through) = Count(cap, eligible, previous, today, reasons);
            }
        }

        var next = facts.NextChange;
        if (eligible && policy?.Cap is not null)
        {
            var firstOfNext = new DateOnly(today.Year, today.Month, 1).AddMonths(1);
            next = next is { } n && n < firstOfNext ? n : firstOfNext;
        }

        if (policy is not null && policy.EffectiveTo is { } to && (next is null || to.AddDays(1) < next))
        {
            next = to.AddDays(1);
        }

        var explanation = new JsonObject
        {
            ["policyId"] = policyId,
            ["version"] = policy?.Version,
            ["subject"] = subject.External,
            ["subjectKind"] = subject.KindName,
            ["decidedOn"] = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["eligible"] = eligible,
            ["reasons"] = new JsonArray([.. reasons.Select(r => (JsonNode)r)]),
            ["clauses"] = clauses,
        };
        if (ledger is not null)
        {
            explanation["cap"] = ledger.ToJson();
        }
        else if (policy?.Cap is { } capped)
        {
            explanation["cap"] = new JsonObject
            {
                ["months"] = capped.Months,
                ["monthCounts"] = capped.MonthCounts,
                ["granted"] = granted,
                ["remaining"] = capped.Months - (granted ?? 0),
            };
        }

        return new Decision(policyId, policy?.Version ?? previous?.Version ?? 0, policy?.ContentHash ?? "", subject, eligible, granted,
            through,
            new JsonArray([.. reasons.Select(r => (JsonNode)r)]), explanation, next);
    }

    private static (bool Eligible, int Granted, Month? Through) Count(PolicyCap cap, bool eligible, Decision? previous, DateOnly today,
        List<string> reasons)
    {
        var granted = previous?.MonthsGranted ?? 0;
        var through = previous?.CountedThrough;
        var month = Month.Of(today);
        if (!eligible || (through is { } countedTo && countedTo >= month))
        {
            return (eligible && granted <= cap.Months, granted, through);
        }

        // Eligible at the previous decision and still: every month since it was eligible too (decided again each month).
        var add = previous is { Eligible: true } && through is { } last ? month - last : 1;
        if (granted + add > cap.Months)
        {
            var counted = Math.Min(cap.Months, granted + add - 1);
            reasons.Clear();
            reasons.Add($"cap reached: {counted} of {cap.Months} months granted");
            return (false, counted, counted == granted ? through : month.Plus(-1));
        }

        return (true, granted + add, month);
    }
}
