using IntegrationHub.Identity;
using IntegrationHub.Intake.Rules;
using IntegrationHub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Identity.Setwise;

/// <summary>
/// The same batches, in the same order, into two hubs: one links every batch set-wise, the other chunk by chunk. Person ids
/// differ between the two databases, so persons are compared by the records they hold.
/// </summary>
public sealed class LinkPathsAgreementTests : IAsyncLifetime
{
    private IntakeHarness setwise = null!;
    private IntakeHarness chunked = null!;

    public async ValueTask InitializeAsync()
    {
        setwise = await IntakeHarness.StartAsync("paths_setwise",
            new Dictionary<string, string?> { ["Identity:SetwiseThreshold"] = "0", ["Identity:SetwiseSegmentSize"] = "7" });
        chunked = await IntakeHarness.StartAsync("paths_chunked",
            new Dictionary<string, string?> { ["Identity:SetwiseThreshold"] = "1000000", ["Identity:ChunkSize"] = "3" });
    }

    public async ValueTask DisposeAsync()
    {
        await setwise.DisposeAsync();
        await chunked.DisposeAsync();
    }

    [Fact]
    public async Task LinkAllAsync_SameRecordsThroughEitherPath_SamePersonsReviewsDeferralsAndGoldenRecords()
    {
        var n = Enumerable.Range(800, 9).Select(TaxRecords.IdNumber).ToArray();
        var mistyped = n[7][..16] + (n[7][16] == '0' ? '1' : '0') + n[7][17];
        var noNumber = TaxRecords.Record("t-nonum", n[0], name: "孙丽").Replace($"\"idNumber\":\"{n[0]}\",", "", StringComparison.Ordinal);
        var batches = new List<(string Department, string Feed, string Body)>
        {
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
        };

        foreach (var (department, feed, body) in batches)
        {
            Assert.Equal(200, (await setwise.PostNdjsonAsync(department, feed, body)).Status);
            Assert.Equal(200, (await chunked.PostNdjsonAsync(department, feed, body)).Status);
            await LinkAsync(setwise);
            await LinkAsync(chunked);
        }

        var expected = await LinkageSnapshot.ReadAsync(chunked.DataSource);
        var actual = await LinkageSnapshot.ReadAsync(setwise.DataSource);
        Assert.Equal(expected.Persons, actual.Persons);
        Assert.Equal(expected.Reviews, actual.Reviews);
        Assert.Equal(expected.Deferred, actual.Deferred);
        Assert.Equal(expected.Goldens, actual.Goldens);

        // The data exercised what it is meant to: corrections that moved records, a review, an invalid and a missing number.
        Assert.True(expected.Reviews.Count >= 1);
        Assert.Contains(expected.Persons, p => p.Contains("tax/wage-withholding/t-3#2", StringComparison.Ordinal)
                                              && p.Contains("ps/household-registration/h-8#1", StringComparison.Ordinal));
        Assert.Contains(expected.Persons, p => p.Contains("t-7#1", StringComparison.Ordinal) || p.Contains("t-nonum#1", StringComparison.Ordinal));
        Assert.Equal(0, await chunked.CountAsync("SELECT count(*) FROM audit_log WHERE detail->>'path' = 'setwise'"));
        Assert.True(await setwise.CountAsync("SELECT count(*) FROM audit_log WHERE detail->>'path' = 'setwise'") >= batches.Count);
    }

    private static async Task LinkAsync(IntakeHarness hub)
    {
        await hub.Server.Services.GetRequiredService<DeterministicLinker>().LinkAllAsync(TestContext.Current.CancellationToken);
        await hub.Server.Services.GetRequiredService<ProbabilisticLinker>().LinkAllAsync(TestContext.Current.CancellationToken);
    }

    private static string Household(string recordId, string id, string name, string? birthDate = null) =>
        $$"""
        {"recordId":"{{recordId}}","idNumber":"{{id}}","name":"{{name}}","gender":"{{((id[16] - '0') % 2 == 1 ? "1" : "2")}}","birthDate":"{{birthDate ?? Households.BirthDate(id)}}","ethnicity":"01","hukouRegion":"500103","hukouAddress":"重庆市渝中区解放碑街道1号","householdNumber":"500103-000123","changeType":"move-in","changeDate":"2026-10-01"}
        """;
}
