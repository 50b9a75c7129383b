using static IntegrationHub.Tests.Labor.LaborRecords;

namespace IntegrationHub.Tests.Labor.Graduates;

/// <summary>Roster and follow-up records for the graduate tests.</summary>
public static class GraduateRecords
{
    public static JsonObject Roster(string recordId, string id, string destination, string graduationDate = "2026-06-30",
        string? employer = null, string level = "21", string school = "4150010611", string major = "080901", string hukou = "500103",
        bool hardship = false, string? phone = null)
    {
        var record = Graduate(recordId, id, graduationDate, destination);
        record["educationLevel"] = level;
        record["schoolCode"] = school;
        record["majorCode"] = major;
        record["hukouRegion"] = hukou;
        record["hardshipFamily"] = hardship;
        if (employer is not null)
        {
            record["destinationEmployerCreditCode"] = employer;
        }

        if (phone is not null)
        {
            record["phone"] = phone;
        }

        return record;
    }

    public static JsonObject FollowUp(string recordId, string id, string contactDate, string outcome = "reached", string[]? services = null,
        string region = "500103") => new()
    {
        ["recordId"] = recordId, ["idNumber"] = id, ["name"] = "李娜", ["contactDate"] = contactDate, ["channel"] = "phone",
        ["outcome"] = outcome, ["services"] = new JsonArray([.. (services ?? ["job-referral"]).Select(s => (JsonNode)s)]),
        ["intention"] = "seeking", ["servingRegion"] = region,
    };
}
