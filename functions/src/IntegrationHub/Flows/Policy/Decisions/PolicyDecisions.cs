using IntegrationHub.Flows.Policy.Catalogue;

namespace IntegrationHub.Flows.Policy.Decisions;

/// <summary>Reads a stored decision with its explanation for an operator, audited with the purpose they gave.</summary>
public sealed class PolicyDecisions(NpgsqlDataSource dataSource, PolicyCatalogueProvider catalogue, AuditLog audit, HubCalendar calendar)
{
    /// <exception cref="PolicyRequestException">The policy or the subject is unknown, or no decision was made for it.</exception>
    public async Task<JsonObject> GetAsync(string policyId, string subjectText, string actor, string purpose,
        CancellationToken cancellationToken)
    {
        if (!catalogue.Current.Ids.Contains(policyId, StringComparer.Ordinal))
        {
            throw new PolicyRequestException(PolicyRefusal.NotFound, "unknown-policy", $"There is no policy '{policyId}'.", "/policyId");
        }

        if (SubjectKey.Parse(subjectText) is not { } subject)
        {
            throw new PolicyRequestException(PolicyRefusal.Invalid, "invalid-subject",
                "A subject is a person id (P and at least nine digits) or an eighteen-character credit code.", "/subjectId");
        }

        var decision = await DecisionStore.FindAsync(dataSource, policyId, subject, calendar.DateOf, cancellationToken);
        // The read is audited whether or not a decision exists: asking about a person is itself a use of personal data.
        await audit.AppendAsync(dataSource, new AuditEntry(actor, "policy.decision.read", purpose, subject.External,
            new JsonObject { ["policyId"] = policyId, ["found"] = decision is not null }.ToJsonString()), cancellationToken);
        if (decision is null)
        {
            throw new PolicyRequestException(PolicyRefusal.NotFound, "no-decision",
                $"No decision of '{policyId}' was made for {subject.External}.",
                "/subjectId");
        }

        var answer = decision.Explanation.DeepClone().AsObject();
        answer["monthsGranted"] = decision.MonthsGranted;
        return answer;
    }
}
