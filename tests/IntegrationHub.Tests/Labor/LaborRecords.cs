using IntegrationHub.Intake.Rules;

namespace IntegrationHub.Tests.Labor;

/// <summary>Valid records of the labor feeds, for persons whose identity numbers the tests choose.</summary>
public static class LaborRecords
{
    public static string Employer { get; } = Code("91500103MA5U8K3P5");

    public static string OtherEmployer { get; } = Code("91500106MA5YQW7T8");

    public static string UnknownEmployer { get; } = Code("91110000600037341");

    /// <summary>An identity number from Yuzhong, Chongqing born on <paramref name="birth"/> (yyyyMMdd); odd sequence is a man.</summary>
    public static string IdNumber(string birth, int sequence)
    {
        var first17 = $"500103{birth}{sequence:D3}";
        return first17 + IdentityNumber.CheckCharacter(first17);
    }

    public static string BirthDate(string id) => $"{id[6..10]}-{id[10..12]}-{id[12..14]}";

    public static string Gender(string id) => (id[16] - '0') % 2 == 1 ? "1" : "2";

    public static JsonObject Tax(string recordId, string id, string period, string? employer = null, string incomeType = "wages") => new()
    {
        ["recordId"] = recordId, ["idNumber"] = id, ["name"] = "李娜", ["employerCreditCode"] = employer ?? Employer,
        ["employerName"] = "重庆某科技有限公司", ["period"] = period, ["incomeType"] = incomeType, ["incomeBand"] = "B",
    };

    public static JsonObject Insurance(string recordId, string id, string period, string? employer, string status = "paid") =>
        Without(new JsonObject
        {
            ["recordId"] = recordId, ["idNumber"] = id, ["name"] = "李娜", ["insuranceType"] = "pension", ["period"] = period,
            ["status"] = status, ["employerCreditCode"] = employer, ["insuredRegion"] = "500103",
        });

    public static JsonObject Registration(string recordId, string id, string eventType, string date, string? employer = null,
        string? form = null, string? category = null) =>
        Without(new JsonObject
        {
            ["recordId"] = recordId, ["idNumber"] = id, ["name"] = "李娜", ["eventType"] = eventType, ["eventDate"] = date,
            ["registrationRegion"] = "500103", ["employerCreditCode"] = employer,
            ["employerName"] = employer is null ? null : "重庆某单位", ["employmentForm"] = form ?? (eventType == "employment" ? "standard" : null),
            ["difficultyCategory"] = category,
        });

    public static JsonObject Household(string recordId, string id, string householdNumber, string changeType = "move-in",
        string changeDate = "2020-01-01") => new()
    {
        ["recordId"] = recordId, ["idNumber"] = id, ["name"] = "李娜", ["gender"] = Gender(id), ["birthDate"] = BirthDate(id),
        ["ethnicity"] = "01", ["hukouRegion"] = "500103", ["hukouAddress"] = "重庆市渝中区解放碑街道1号", ["householdNumber"] = householdNumber,
        ["changeType"] = changeType, ["changeDate"] = changeDate,
    };

    /// <summary>Public security's household record that the person's identity number is <paramref name="id"/> from
    /// <paramref name="changeDate"/> on, <paramref name="former"/> before.</summary>
    public static JsonObject NumberChange(string recordId, string id, string former, string householdNumber, string changeDate)
    {
        var record = Household(recordId, id, householdNumber, "number-change", changeDate);
        record["formerIdNumber"] = former;
        return record;
    }

    public static JsonObject Assistance(string recordId, string id, string type, string status, string date, int? disabilityLevel = null) =>
        Without(new JsonObject
        {
            ["recordId"] = recordId, ["idNumber"] = id, ["name"] = "李娜", ["householdNumber"] = "DB500103-2026-00001",
            ["assistanceType"] = type, ["status"] = status, ["effectiveDate"] = date, ["assistanceRegion"] = "500103", ["workingAge"] = true,
            ["disabilityLevel"] = disabilityLevel,
        });

    public static JsonObject Graduate(string recordId, string id, string graduationDate, string destination, bool disabled = false) => new()
    {
        ["recordId"] = recordId, ["idNumber"] = id, ["name"] = "李娜", ["gender"] = Gender(id), ["birthDate"] = BirthDate(id),
        ["schoolCode"] = "4150010611", ["schoolName"] = "重庆大学", ["majorCode"] = "080901", ["majorName"] = "计算机科学与技术",
        ["educationLevel"] = "21", ["graduationDate"] = graduationDate, ["destination"] = destination, ["hukouRegion"] = "500103",
        ["hardshipFamily"] = false, ["disabled"] = disabled,
    };

    private static string Code(string first17) => first17 + CreditCode.CheckCharacter(first17);

    private static JsonObject Without(JsonObject record)
    {
        foreach (var key in record.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            record.Remove(key);
        }

        return record;
    }
}
