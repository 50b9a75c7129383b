using IntegrationHub.Identity.Linking;

namespace IntegrationHub.Tests.Identity.Linking.Setwise;

/// <summary>The set-wise path: every batch here has more unlinked lines than the threshold (0), in segments of 4 lines.</summary>
public sealed class SetwisePathTests() : IntakeHarnessTests(
    new Dictionary<string, string?> { ["Identity:SetwiseThreshold"] = "0", ["Identity:SetwiseSegmentSize"] = "4" })
{
    private DeterministicLinker Linker => hub.Server.Services.GetRequiredService<DeterministicLinker>();

    [Fact]
    public async Task LinkAsync_LargeBatch_IsLinkedSetwiseInSegmentsWithOnePersonPerNumber()
    {
        var ids = Enumerable.Range(700, 6).Select(TaxRecords.IdNumber).ToArray();
        var records = ids.Concat(ids.Take(3)).Select((id, i) => TaxRecords.Record($"sw-{i}", id)).ToArray();
        await hub.PostNdjsonAsync("tax", "wage-withholding", TaxRecords.Ndjson("setwise-1", records));

        var outcome = await Linker.LinkAllAsync(Token);

        Assert.Equal(new LinkOutcome(10, 9, 0, 0), outcome); // 10 lines: the NDJSON envelope is line 1
        Assert.Equal(6, await hub.CountAsync("SELECT count(DISTINCT person_id) FROM person_link WHERE record_id LIKE 'sw-%'"));
        Assert.Equal(1, await hub.PersonsOfAsync("sw-0", "sw-6"));
        Assert.Equal(3, await hub.CountAsync(
            "SELECT count(*) FROM audit_log WHERE action = 'person.link' AND subject = 'tax/setwise-1' AND detail->>'path' = 'setwise'"));
        Assert.True(await hub.BatchLinkedAsync("setwise-1"));
    }

    [Fact]
    public async Task LinkAsync_SameNumberAcrossFeeds_PublicSecurityIsTheNameAuthorityWithLineage()
    {
        var id = TaxRecords.IdNumber(711);
        await hub.PostJsonAsync("tax", "wage-withholding", TaxRecords.Json("sw-auth-1", TaxRecords.Record("swa-1", id, name: "李 娜娜")));
        await hub.PostJsonAsync("ps", "household-registration", Households.Batch("sw-auth-2", "swa-hh-1", id, "李娜", Households.BirthDate(id)));

        await Linker.LinkAllAsync(Token);

        Assert.Equal(1, await hub.PersonsOfAsync("swa-1", "swa-hh-1"));
        Assert.Equal("李娜", await hub.GoldenOfAsync("swa-1", "name", "value"));
        Assert.Equal("swa-hh-1", await hub.GoldenOfAsync("swa-1", "name", "source", "recordId"));
        Assert.Equal("ps", await hub.GoldenOfAsync("swa-1", "birthDate", "source", "department"));
        Assert.True(await hub.CountAsync(
            "SELECT count(*) FROM person_block b JOIN person_link l USING (person_id) WHERE l.record_id = 'swa-hh-1'") >= 2);
    }

    [Fact]
    public async Task LinkAsync_NameAndBirthDateBothDisagree_GoesToReviewAndIsNotLinked()
    {
        var id = TaxRecords.IdNumber(712);
        await hub.PostJsonAsync("ps", "household-registration", Households.Batch("sw-rev-1", "swr-1", id, "王芳", Households.BirthDate(id)));
        await hub.PostJsonAsync("ps", "household-registration", Households.Batch("sw-rev-2", "swr-2", id, "赵强", "1970-01-01"));

        var outcome = await Linker.LinkAllAsync(Token);

        Assert.Equal(1, outcome.Review);
        Assert.Equal(0, await hub.LinksAsync("swr-2"));
        Assert.Equal(1, await hub.CountAsync(
            "SELECT count(*) FROM review_item WHERE record_id = 'swr-2' AND reason = 'id-number-but-name-and-birth-date-disagree'"));
    }

    [Fact]
    public Task LinkAsync_MissingOrInvalidNumber_IsDeferredWithItsReason() =>
        LinkScenarios.MissingOrInvalidNumberIsDeferredAsync(hub, Linker, "sw-def-1", "swd", 713);

    [Fact]
    public Task LinkAsync_CorrectionToAnotherNumber_MovesTheRecordAndRebuildsThePersonItLeft() =>
        LinkScenarios.CorrectionToAnotherNumberMovesTheRecordAsync(hub, Linker, "swm", 721);

    [Fact]
    public Task LinkAsync_TwoLinkersOnOverlappingBatches_OnePersonPerNumberAndEveryRecordLinkedOnce() =>
        LinkScenarios.TwoLinkersOnOverlappingBatchesLinkOnceAsync(hub, Linker,
            (batchId, records) => hub.PostNdjsonAsync("tax", "wage-withholding", TaxRecords.Ndjson(batchId, records)), "swr", 730);
}
