using IntegrationHub.Flows.Policy.Catalogue;
using IntegrationHub.Flows.Policy.Rules;

namespace IntegrationHub.Flows.Policy.Decisions;

/// <summary>
/// The events a new decision causes: <c>policy.eligible</c> when a subject becomes eligible (or stays eligible under a new
/// version of the policy), <c>policy.ineligible</c> when a subject that was eligible no longer is. Nothing otherwise: a
/// subject never eligible, or a decision made again with the same outcome, announces nothing.
/// </summary>
internal static class DecisionEvents
{
    public static EventDraft? For(Decision decision, Decision? previous, FactSet facts, DateTimeOffset now, bool snapshot = false)
    {
        var wasEligible = previous?.Eligible == true;
        if (!snapshot && (decision.Eligible ? wasEligible && previous!.Version == decision.Version : !wasEligible))
        {
            return null;
        }

        return Draft(decision, Regions(facts, decision.Subject), now, snapshot);
    }

    /// <summary>A person merged into another while eligible: ineligible, saying into whom.</summary>
    public static EventDraft Merged(Decision previous, string survivor, DateTimeOffset now, DateOnly today)
    {
        var reasons = new JsonArray($"merged into {survivor}");
        var ended = previous with
        {
            Eligible = false,
            Reasons = reasons,
            Explanation = new JsonObject { ["decidedOn"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
        };
        var regions = new JsonObject
        {
            ["hukouRegion"] = Region(previous.Explanation, "person.hukouRegion"),
            ["registrationRegion"] = null,
        };
        return Draft(ended, regions, now, snapshot: false);
    }

    private static EventDraft Draft(Decision decision, JsonObject regions, DateTimeOffset now, bool snapshot)
    {
        var data = new JsonObject { ["subjectKind"] = decision.Subject.KindName };
        data[decision.Subject.Kind == PolicySubject.Person ? "personId" : "creditCode"] = decision.Subject.External;
        data["policyId"] = decision.PolicyId;
        data["policyVersion"] = decision.Version;
        data["hukouRegion"] = regions["hukouRegion"]?.DeepClone();
        data["registrationRegion"] = regions["registrationRegion"]?.DeepClone();
        data["decidedOn"] = decision.Explanation["decidedOn"]?.DeepClone();
        if (decision.MonthsGranted is { } granted && decision.Explanation["cap"]?["months"] is { } cap)
        {
            data["monthsGranted"] = granted;
            data["monthsRemaining"] = Math.Max(0, cap.GetValue<int>() - granted);
        }

        if (decision.Explanation["cap"] is JsonObject { } perEmployee && perEmployee["per"]?.GetValue<string>() == PolicyCap.PerEmployee)
        {
            data["employeesWithinCap"] = perEmployee["employeesWithinCap"]?.DeepClone();
            data["employeesCapReached"] = perEmployee["employeesCapReached"]?.DeepClone();
        }

        if (EmployeeCount(decision.Explanation) is { } count)
        {
            data["employeeCount"] = count;
        }

        data["reasons"] = decision.Reasons.DeepClone();
        if (snapshot)
        {
            data["snapshot"] = true;
        }

        // An employer's events are keyed employer:{credit code}, as every employer event is (layoff warnings too).
        var subject = decision.Subject.Kind == PolicySubject.Person ? decision.Subject.External : "employer:" + decision.Subject.External;
        return new EventDraft(decision.Eligible ? EventTypes.PolicyEligible : EventTypes.PolicyIneligible, subject, now, data);
    }

    /// <summary>The subject's regions a subscription may filter on: hukou and registration region for a person (HR's
    /// unemployment registration), the registration region (from the credit code) for an employer.</summary>
    private static JsonObject Regions(FactSet facts, SubjectKey subject) => subject.Kind == PolicySubject.Person
        ? new JsonObject
        {
            ["hukouRegion"] = facts["person.hukouRegion"].Value?.DeepClone(),
            ["registrationRegion"] = facts["unemployment.registrationRegion"].Value?.DeepClone(),
        }
        : new JsonObject { ["hukouRegion"] = null, ["registrationRegion"] = facts["employer.registrationRegion"].Value?.DeepClone() };

    private static JsonNode? Region(JsonObject explanation, string fact) =>
        explanation["clauses"] is JsonArray clauses
            ? clauses.OfType<JsonObject>().FirstOrDefault(c => c["fact"]?.GetValue<string>() == fact)?["value"]?.DeepClone()
            : null;

    /// <summary>How many employees matched the employer's first <c>employees</c> clause.</summary>
    private static int? EmployeeCount(JsonNode? node) => node switch
    {
        JsonObject o when o["op"]?.GetValue<string>() == "employees" => o["count"]?.GetValue<int>(),
        JsonObject o => o.Select(p => EmployeeCount(p.Value)).FirstOrDefault(c => c is not null),
        JsonArray a => a.Select(EmployeeCount).FirstOrDefault(c => c is not null),
        _ => null,
    };
}
