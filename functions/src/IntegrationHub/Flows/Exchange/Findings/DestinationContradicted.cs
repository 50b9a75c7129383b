using IntegrationHub.Flows.Exchange.Rules;
using IntegrationHub.Labor;

namespace IntegrationHub.Flows.Exchange.Findings;

/// <summary>
/// <c>destination-contradicted</c>: a roster record whose claimed destination labor's destination verification (issue 17)
/// found contradicted by evidence, in one of the rule's <c>verificationStatuses</c>. One finding per roster record; the
/// period is the month of graduation; the evidence is the kinds the verification stands on (education sees no more).
/// </summary>
internal static class DestinationContradicted
{
    public static IEnumerable<FindingDraft> Find(ComparisonRule rule, ComparedPerson person)
    {
        foreach (var verification in person.Verifications.Where(v => rule.Parameters.VerificationStatuses.Contains(v.Status)))
        {
            var month = Month.Of(verification.GraduationDate).ToString();
            var detail = new JsonObject();
            if (rule.Shows("verificationStatus"))
            {
                detail["verificationStatus"] = verification.Status;
                detail["claimedDestination"] = verification.ClaimedDestination;
            }

            yield return new FindingDraft(rule.Id, "edu", person.PersonId, verification.RecordId, [verification.RecordId], month, month,
                [.. verification.Evidence.Select(e => (e.Department, e.Feed)).Distinct().Order()
                    .Select(f => (JsonNode)new JsonObject { ["department"] = f.Department, ["feed"] = f.Feed })],
                detail, null);
        }
    }
}
