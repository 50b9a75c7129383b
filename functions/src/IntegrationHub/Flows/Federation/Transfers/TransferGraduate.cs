using IntegrationHub.Labor.Evidence;
using IntegrationHub.Labor.Graduates;

namespace IntegrationHub.Flows.Federation.Transfers;

/// <summary>The graduate part of a transfer package: the person's graduate ledger entries and their follow-up history.</summary>
/// <remarks>
/// Read through labor's public graduate API. Education's name and phone of the roster record are left out: the golden record
/// carries the person's attributes; the source references say where each entry came from. Null when the person is no graduate
/// and was never followed up, so a package of anyone else is what it was.
/// </remarks>
internal static class TransferGraduate
{
    public static async Task<JsonObject?> BuildAsync(GraduateFacts graduates, GraduateFollowUps followUps, long person,
        CancellationToken cancellationToken)
    {
        var entries = await graduates.ReadPersonAsync(person, cancellationToken);
        var contacts = (await followUps.ReadAsync([person], cancellationToken))[person];
        if (entries.Count == 0 && contacts.Count == 0)
        {
            return null;
        }

        return new JsonObject
        {
            ["entries"] = new JsonArray([.. entries.Select(Entry)]),
            ["followUps"] = new JsonArray([.. contacts.Select(FollowUp)]),
        };
    }

    private static JsonObject Entry(GraduateFact fact) => new()
    {
        ["key"] = fact.Key,
        ["open"] = fact.Open,
        ["inLedger"] = fact.InLedger,
        ["cohort"] = fact.Cohort,
        ["graduationDate"] = Day(fact.GraduationDate),
        ["educationLevel"] = fact.EducationLevel,
        ["schoolCode"] = fact.SchoolCode,
        ["schoolName"] = fact.SchoolName,
        ["majorCode"] = fact.MajorCode,
        ["majorName"] = fact.MajorName,
        ["status"] = fact.Status,
        ["placedOn"] = Day(fact.PlacedOn),
        ["placementForm"] = fact.PlacementForm,
        ["employerCreditCode"] = fact.EmployerCreditCode,
        ["hukouRegion"] = fact.HukouRegion,
        ["hardshipFamily"] = fact.HardshipFamily,
        ["disabled"] = fact.Disabled,
        ["ledgerSince"] = Day(fact.LedgerSince),
        ["claimedDestination"] = fact.ClaimedDestination,
        ["sources"] = SourceRef.ToJson(fact.Sources),
    };

    private static JsonObject FollowUp(FollowUpContact contact) => new()
    {
        ["recordId"] = contact.RecordId,
        ["version"] = contact.Version,
        ["contactDate"] = Day(contact.ContactDate),
        ["channel"] = contact.Channel,
        ["outcome"] = contact.Outcome,
        ["services"] = new JsonArray([.. contact.Services.Select(s => (JsonNode)s)]),
        ["intention"] = contact.Intention,
        ["servingRegion"] = contact.ServingRegion,
    };

    private static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
