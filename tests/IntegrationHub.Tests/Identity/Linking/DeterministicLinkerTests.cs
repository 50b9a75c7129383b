using IntegrationHub.Identity.Linking;

namespace IntegrationHub.Tests.Identity.Linking;

public sealed class DeterministicLinkerTests() : IntakeHarnessTests(new Dictionary<string, string?> { ["Identity:ChunkSize"] = "3" })
{
    private DeterministicLinker Linker => hub.Server.Services.GetRequiredService<DeterministicLinker>();

    [Fact]
    public async Task LinkAllAsync_SameValidNumberAcrossFeeds_IsOnePersonWithPublicSecurityAsNameAuthority()
    {
        var id = TaxRecords.IdNumber(501);
        await hub.PostJsonAsync("tax", "wage-withholding", TaxRecords.Json("link-tax-1", TaxRecords.Record("lt-1", id, name: "李 娜娜")));
        await hub.PostJsonAsync("ps", "household-registration", Households.Batch("link-ps-1", "hh-1", id, "李娜", Households.BirthDate(id)));

        var outcome = await Linker.LinkAllAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, outcome.Linked);
        Assert.Equal(1, await hub.PersonsOfAsync("lt-1", "hh-1"));
        Assert.Equal("李娜", await hub.GoldenOfAsync("lt-1", "name", "value"));
        Assert.Equal("ps", await hub.GoldenOfAsync("lt-1", "name", "source", "department"));
    }

    [Fact]
    public async Task LinkAllAsync_ValidNumberWithNameAndBirthDateBothDifferent_GoesToReview()
    {
        var id = TaxRecords.IdNumber(502);
        await hub.PostJsonAsync("ps", "household-registration", Households.Batch("rev-ps-1", "hh-rev-1", id, "王芳", Households.BirthDate(id)));
        await Linker.LinkAllAsync(TestContext.Current.CancellationToken);
        var stranger = Households.Batch("rev-ps-2", "hh-rev-2", id, "赵强", "1970-01-01");

        await hub.PostJsonAsync("ps", "household-registration", stranger);
        var outcome = await Linker.LinkAllAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, outcome.Review);
        Assert.Equal(0, await hub.LinksAsync("hh-rev-2"));
        Assert.Equal(1, await hub.CountAsync("SELECT count(*) FROM review_item WHERE record_id = 'hh-rev-2'"));
    }

    [Fact]
    public Task LinkAllAsync_MissingOrInvalidNumber_IsDeferredNotGuessed() =>
        LinkScenarios.MissingOrInvalidNumberIsDeferredAsync(hub, Linker, "deferred-1", "def", 503);

    [Fact]
    public Task LinkNextChunkAsync_TwoLinkersOnOverlappingBatches_OnePersonPerNumberAndEveryRecordLinkedOnce() =>
        LinkScenarios.TwoLinkersOnOverlappingBatchesLinkOnceAsync(hub, Linker,
            (batchId, records) => hub.PostJsonAsync("tax", "wage-withholding", TaxRecords.Json(batchId, records)), "rl", 600);

    [Fact]
    public async Task ExportLinks_Admin_GetsTheCurrentPersonOfEachRecordAndOthersAreRefused()
    {
        var id = TaxRecords.IdNumber(504);
        await hub.PostJsonAsync("tax", "wage-withholding", TaxRecords.Json("export-1", TaxRecords.Record("ex-1", id, band: "A")));
        await hub.PostJsonAsync("tax", "wage-withholding", TaxRecords.Json("export-2", TaxRecords.Record("ex-1", id, band: "C")));
        await Linker.LinkAllAsync(TestContext.Current.CancellationToken);

        var admin = await hub.GetAsync("/api/admin/links", hub.Tokens["admin"]);
        var department = await hub.GetAsync("/api/admin/links", hub.Tokens["tax"]);

        Assert.Equal(200, admin.Status);
        var lines = admin.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var link = Assert.Single(lines, l => l.GetProperty("recordId").GetString() == "ex-1");
        Assert.StartsWith("P", link.GetProperty("personId").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, await hub.LinksAsync("ex-1"));
        Assert.Equal(403, department.Status);
    }

    [Fact]
    public Task LinkAllAsync_CorrectionToAnotherNumber_MovesTheRecordAndRebuildsThePersonItLeft() =>
        LinkScenarios.CorrectionToAnotherNumberMovesTheRecordAsync(hub, Linker, "move", 511);

    [Fact]
    public async Task IdentityStatus_AfterLinking_ShowsNothingLeftToLink()
    {
        await hub.PostJsonAsync("tax", "wage-withholding", TaxRecords.Json("status-1", TaxRecords.Record("st-1", TaxRecords.IdNumber(505))));
        var before = await hub.GetAsync("/api/admin/identity", hub.Tokens["admin"]);
        await Linker.LinkAllAsync(TestContext.Current.CancellationToken);

        var after = await hub.GetAsync("/api/admin/identity", hub.Tokens["admin"]);

        Assert.True(before.Json.GetProperty("unlinkedLines").GetInt64() >= 1);
        Assert.Equal(0, after.Json.GetProperty("unlinkedLines").GetInt64());
        Assert.True(after.Json.GetProperty("persons").GetInt64() >= 1);
    }
}
