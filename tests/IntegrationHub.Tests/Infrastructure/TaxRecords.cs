using IntegrationHub.Intake.Rules;

namespace IntegrationHub.Tests.Infrastructure;

/// <summary>Small, valid tax wage-withholding batches for tests that need records of their own.</summary>
public static class TaxRecords
{
    public const string Employer = "91500103MA5U8K3P5W";

    public static string IdNumber(int person)
    {
        var first17 = $"500103199{person % 10}0{1 + (person / 10 % 9)}1{person % 10}{person % 1000:D3}";
        return first17 + IdentityNumber.CheckCharacter(first17);
    }

    /// <summary>The number with its last digit before the check character changed: well-formed, but its check fails.</summary>
    public static string WithFailingCheck(string idNumber) => idNumber[..16] + (idNumber[16] == '0' ? '1' : '0') + idNumber[17];

    public static string Envelope(string batchId) =>
        $$"""{"batchId":"{{batchId}}","schemaVersion":"1","extractedAt":"2026-11-20T18:00:00+08:00","region":"500000"}""";

    public static string Record(string recordId, string idNumber, string band = "B", string name = "李娜") =>
        $$"""{"recordId":"{{recordId}}","idNumber":"{{idNumber}}","name":"{{name}}","employerCreditCode":"{{Employer}}","employerName":"重庆某科技有限公司","period":"2026-05","incomeType":"wages","incomeBand":"{{band}}"}""";

    /// <summary><paramref name="count"/> records of distinct numbers: <c>{prefix}-{n}</c> holds <see cref="IdNumber"/>(n), n from
    /// <paramref name="first"/> on.</summary>
    public static string[] Records(string prefix, int first, int count) =>
        Enumerable.Range(first, count).Select(n => Record($"{prefix}-{n}", IdNumber(n))).ToArray();

    /// <summary>A <see cref="Record"/> without its idNumber field.</summary>
    public static string RecordWithoutNumber(string recordId, string name = "李娜") =>
        Record(recordId, "", name: name).Replace("\"idNumber\":\"\",", "", StringComparison.Ordinal);

    public static string Json(string batchId, params string[] records) =>
        Envelope(batchId)[..^1] + ",\"records\":[" + string.Join(",", records) + "]}";

    public static string Ndjson(string batchId, params string[] lines)
    {
        var text = new StringBuilder(Envelope(batchId)).Append('\n');
        foreach (var line in lines)
        {
            text.Append(line).Append('\n');
        }

        return text.ToString();
    }
}
