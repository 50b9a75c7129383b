namespace IntegrationHub.Tests.Identity;

/// <summary>
/// Four small batches that exercise every linking decision: corrections that move a record (one inside its own batch),
/// a number whose name and birth date both disagree (review), a mistyped and a missing number (deferred), and public
/// security's records overriding tax's in the golden record.
/// </summary>
public static class MixedBatches
{
    public static List<(string Department, string Feed, string Body)> All()
    {
        var n = Enumerable.Range(800, 9).Select(TaxRecords.IdNumber).ToArray();
        var mistyped = TaxRecords.WithFailingCheck(n[7]);
        var noNumber = TaxRecords.RecordWithoutNumber("t-nonum", name: "孙丽");
        return
        [
            ("tax", "wage-withholding", TaxRecords.Ndjson("agree-1",
                TaxRecords.Record("t-0", n[0], name: "孙丽"), TaxRecords.Record("t-1", n[1], name: "周 杰"), TaxRecords.Record("t-2", n[2]),
                TaxRecords.Record("t-3", n[3], name: "吴敏"), TaxRecords.Record("t-4", n[4]), TaxRecords.Record("t-5", n[5]),
                TaxRecords.Record("t-6", n[0], band: "C", name: "孙 丽"), TaxRecords.Record("t-7", mistyped, name: "钱多"), noNumber,
                TaxRecords.Record("t-8", n[1], name: "周杰"), TaxRecords.Record("t-9", n[2], band: "D"),
                TaxRecords.Record("t-0", n[6], name: "冯雪"))),
            ("ps", "household-registration", TaxRecords.Ndjson("agree-2",
                Household("h-0", n[0], "孙丽"), Household("h-1", n[1], "周杰"),
                Household("h-2", n[2], "赵强", "1970-01-01"), Household("h-8", n[8], "陈晨"), Household("h-3", n[3], "吴敏"))),
            ("tax", "wage-withholding", TaxRecords.Ndjson("agree-3",
                TaxRecords.Record("t-3", n[8], name: "陈晨"), TaxRecords.Record("t-10", n[7], name: "钱多"),
                TaxRecords.Record("t-11", n[4], name: "王五"), TaxRecords.Record("t-4", n[4], band: "A"))),
            ("ps", "household-registration", TaxRecords.Ndjson("agree-4",
                Household("h-4", n[4], "王五", "1960-02-02"), Household("h-5", n[5], "何平"), Household("h-2", n[2], "李娜"))),
        ];
    }

    /// <summary>Sends every batch, in order, to both hubs, and calls <paramref name="afterEach"/> once both have it; returns
    /// how many batches there were.</summary>
    public static async Task<int> SendToBothAsync(IntakeHarness first, IntakeHarness second, Func<Task> afterEach)
    {
        var batches = All();
        foreach (var (department, feed, body) in batches)
        {
            Assert.Equal(200, (await first.PostNdjsonAsync(department, feed, body)).Status);
            Assert.Equal(200, (await second.PostNdjsonAsync(department, feed, body)).Status);
            await afterEach();
        }

        return batches.Count;
    }

    private static string Household(string recordId, string id, string name, string? birthDate = null) =>
        $$"""
        {"recordId":"{{recordId}}","idNumber":"{{id}}","name":"{{name}}","gender":"{{((id[16] - '0') % 2 == 1 ? "1" : "2")}}","birthDate":"{{birthDate ?? Households.BirthDate(id)}}","ethnicity":"01","hukouRegion":"500103","hukouAddress":"重庆市渝中区解放碑街道1号","householdNumber":"500103-000123","changeType":"move-in","changeDate":"2026-10-01"}
        """;
}
