using IntegrationHub.Identity;
using IntegrationHub.Identity.Linking;
using IntegrationHub.Identity.Linking.OnArrival;

namespace IntegrationHub.Tests.Identity.Linking.OnArrival;

/// <summary>Batches of at most 5 records are linked in the request that delivers them.</summary>
public sealed class LinkBeforeReplyTests() : IntakeHarnessTests(new Dictionary<string, string?> { ["Identity:InlineMaxRecords"] = "5" })
{
    [Fact]
    public async Task SubmitFeed_SingleRecordBatch_IsLinkedBeforeTheReply()
    {
        var response = await hub.PostJsonAsync("tax", "wage-withholding", TaxRecords.Json("inc-1", TaxRecords.Record("inc-r1", TaxRecords.IdNumber(901))));

        Assert.Equal(200, response.Status);
        Assert.Equal(1, await hub.LinksAsync("inc-r1", "id-number"));
        Assert.True(await hub.BatchLinkedAsync("inc-1"));
    }

    [Fact]
    public async Task SubmitFeed_SmallBatchWithoutTrustworthyNumber_IsMatchedBeforeTheReply()
    {
        var valid = TaxRecords.IdNumber(902);
        var mistyped = TaxRecords.WithFailingCheck(valid);

        await hub.PostJsonAsync("tax", "wage-withholding", TaxRecords.Json("inc-2", TaxRecords.Record("inc-r2", mistyped)));

        Assert.Equal(0, await hub.CountAsync("SELECT count(*) FROM link_deferred WHERE record_id = 'inc-r2'"));
        Assert.Equal(1, await hub.LinksAsync("inc-r2", "new-person"));
    }

    [Fact]
    public async Task SubmitFeed_BatchOverTheInlineSize_IsLeftToTheTimer()
    {
        var records = TaxRecords.Records("inc-big", 910, 6);

        await hub.PostJsonAsync("tax", "wage-withholding", TaxRecords.Json("inc-3", records));
        var before = await hub.CountAsync("SELECT count(*) FROM person_link WHERE record_id LIKE 'inc-big-%'");
        await hub.RunDeterministicLinkerAsync();

        Assert.Equal(0, before);
        Assert.Equal(6, await hub.CountAsync("SELECT count(*) FROM person_link WHERE record_id LIKE 'inc-big-%'"));
    }

    [Fact]
    public async Task LinkNowAsync_BatchHeldByAnotherLinker_ReturnsNothingAtOnceAndTheCursorLetsTheTimerLinkIt()
    {
        var records = TaxRecords.Records("inc-held", 920, 6);
        await hub.PostJsonAsync("tax", "wage-withholding", TaxRecords.Json("inc-4", records));
        var incremental = new ArrivalListener(hub.Server.Services.GetRequiredService<DeterministicLinker>(),
            hub.Server.Services.GetRequiredService<ProbabilisticLinker>(),
            Microsoft.Extensions.Options.Options.Create(new IdentityOptions { InlineMaxRecords = 6 }),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<ArrivalListener>.Instance);

        LinkOutcome? whileHeld;
        await using (var holder = await hub.DataSource.OpenConnectionAsync(Token))
        await using (var transaction = await holder.BeginTransactionAsync(Token))
        {
            await using var hold = new NpgsqlCommand("SELECT 1 FROM intake_batch WHERE batch_id = 'inc-4' FOR UPDATE", holder, transaction);
            await hold.ExecuteScalarAsync(Token);
            whileHeld = await incremental.LinkNowAsync("tax", "inc-4", Token);
        }

        var after = await incremental.LinkNowAsync("tax", "inc-4", Token);

        Assert.Equal(LinkOutcome.Nothing, whileHeld);
        Assert.Equal(6, after!.Linked);
        Assert.Equal(6, await hub.CountAsync("SELECT count(*) FROM person_link WHERE record_id LIKE 'inc-held-%'"));
    }
}
