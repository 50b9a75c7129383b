using IntegrationHub.Flows.Policy.Catalogue;
using IntegrationHub.Flows.Policy.Rules;
using IntegrationHub.Labor;

namespace IntegrationHub.Flows.Policy.Decisions;

/// <summary>
/// The months an employer policy capped per employee has granted for each employee (企业吸纳高校毕业生社保补贴: at most N
/// months for each graduate taken on), carried from decision to decision in the explanation's <c>cap.employees</c>.
/// </summary>
/// <remarks>An employee whose months are used up stops counting for the employer's <c>employees</c> clauses from the month
/// after the last one, so the employer stays eligible only while enough employees are within their cap. A month counts
/// for an employee when the employer is decided eligible in it and the employee satisfies an <c>employees</c> clause;
/// months are carried across gaps as a subject's are (<see cref="PolicyDecider"/>), for an employee the previous decision
/// counted.</remarks>
internal sealed class EmployeeCapLedger
{
    private readonly PolicyCap cap;
    private readonly Month month;
    private readonly Dictionary<string, (int Granted, Month Through)> entries = new(StringComparer.Ordinal);
    private readonly HashSet<string> exhausted = new(StringComparer.Ordinal);
    private Month? previouslyCounted;
    private int within;

    private EmployeeCapLedger(PolicyCap cap, Month month)
    {
        this.cap = cap;
        this.month = month;
    }

    /// <summary>The ledger as the previous decision left it, for a decision made in <paramref name="today"/>'s month.</summary>
    public static EmployeeCapLedger From(PolicyCap cap, Decision? previous, DateOnly today)
    {
        var ledger = new EmployeeCapLedger(cap, Month.Of(today));
        if (previous?.Explanation["cap"]?["employees"] is JsonObject stored)
        {
            foreach (var (subject, entry) in stored)
            {
                if (entry?["granted"]?.GetValue<int>() is { } granted && Month.Parse(entry["through"]?.GetValue<string>()) is { } through)
                {
                    ledger.entries[subject] = (granted, through);
                    ledger.previouslyCounted = ledger.previouslyCounted is { } latest && latest > through ? latest : through;
                    if (granted >= cap.Months && through < ledger.month)
                    {
                        ledger.exhausted.Add(subject);
                    }
                }
            }
        }

        return ledger;
    }

    /// <summary>The employer's facts without the employees whose months are used up.</summary>
    public FactSet WithinCap(FactSet facts)
    {
        var copy = facts.With([]);
        copy.Employees.AddRange(facts.Employees.Where(e => !exhausted.Contains(e.Subject)));
        return copy;
    }

    /// <summary>Counts this month for each employee an <c>employees</c> clause of <paramref name="rule"/> holds for, when
    /// the employer is eligible; adds the reason when the cap is why it is not.</summary>
    public void Count(RuleNode rule, FactSet withinCap, bool eligible, bool previouslyEligible, List<string> reasons)
    {
        var clauses = EmployeeClauses(rule).ToList();
        var matching = withinCap.Employees.Where(e => clauses.Any(c => c.Rule.Evaluate(e).Result)).Select(e => e.Subject).ToList();
        within = eligible ? matching.Count : 0;
        if (!eligible)
        {
            if (exhausted.Count > 0)
            {
                reasons.Add($"cap reached for {exhausted.Count} employee(s): {cap.Months} of {cap.Months} months granted each");
            }

            return;
        }

        foreach (var subject in matching)
        {
            var (granted, through) = entries.TryGetValue(subject, out var entry) ? entry : (0, (Month?)null);
            if (through is { } counted && counted >= month)
            {
                continue;
            }

            // The months since the previous decision count only for an employee it counted too: one who was out of the
            // clause in between had no month there.
            var add = previouslyEligible && through is { } last && last == previouslyCounted ? month - last : 1;
            entries[subject] = (Math.Min(cap.Months, granted + add), month);
        }
    }

    /// <summary>The cap's part of the explanation, with every employee's months.</summary>
    public JsonObject ToJson() => new()
    {
        ["months"] = cap.Months,
        ["monthCounts"] = cap.MonthCounts,
        ["per"] = PolicyCap.PerEmployee,
        ["employeesWithinCap"] = within,
        ["employeesCapReached"] = exhausted.Count,
        ["employees"] = new JsonObject([.. entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => KeyValuePair.Create(e.Key,
            (JsonNode?)new JsonObject
            {
                ["granted"] = e.Value.Granted,
                ["remaining"] = cap.Months - e.Value.Granted,
                ["through"] = e.Value.Through.ToString(),
            }))]),
    };

    private static IEnumerable<EmployeesNode> EmployeeClauses(RuleNode node) => node switch
    {
        EmployeesNode employees => [employees],
        LogicNode logic => logic.Parts.SelectMany(EmployeeClauses),
        NotNode not => EmployeeClauses(not.Part),
        _ => [],
    };
}
