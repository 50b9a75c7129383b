using IntegrationHub.Intake.Published;
using IntegrationHub.Tests.Identity.Linking.Setwise;
using IntegrationHub.Tests.Intake.Exchange;

namespace IntegrationHub.Tests.Identity.Linking.OnArrival;

/// <summary>
/// A small new batch is linked in the transaction that stores it. Compared with a hub that links the same batches on the
/// chunk path afterwards (arrival linking off, as in most tests), and with a hub whose arrival work fails.
/// </summary>
public sealed class ArrivalListenerTests() : IntakeHarnessTests(ArrivalOn)
{
    /// <summary>Arrival linking on for batches of up to 100 records.</summary>
    private static readonly Dictionary<string, string?> ArrivalOn = new() { ["Identity:InlineMaxRecords"] = "100" };

    [Fact]
    public async Task SubmitFeed_SameBatchesLinkedOnArrivalOrAfterwards_SamePersonsReviewsDeferralsAndGoldenRecords()
    {
        await using var chunked = await IntakeHarness.StartAsync("arrival_off");
        var batches = await MixedBatches.SendToBothAsync(hub, chunked, async () =>
        {
            await chunked.RunDeterministicLinkerAsync();
            await hub.RunProbabilisticLinkerAsync();
            await chunked.RunProbabilisticLinkerAsync();
        });

        await LinkageSnapshot.AssertSameAsync(chunked.DataSource, hub.DataSource);
        Assert.Equal(batches, await hub.CountAsync("SELECT count(*) FROM audit_log WHERE detail->>'path' = 'arrival'"));
        Assert.Equal(0, await hub.CountAsync("SELECT count(*) FROM audit_log WHERE detail->>'path' = 'chunk'"));
        Assert.Equal(0, await chunked.CountAsync("SELECT count(*) FROM audit_log WHERE detail->>'path' = 'arrival'"));
    }

    [Fact]
    public async Task SubmitFeed_NewSmallBatch_LinkedInTheTransactionThatStoresIt()
    {
        var response = await hub.PostJsonAsync("tax", "wage-withholding",
            TaxRecords.Json("arrive-1", TaxRecords.Record("arrive-r1", TaxRecords.IdNumber(701)), TaxRecords.Record("arrive-r2", "")));

        Assert.Equal(200, response.Status);
        Assert.Equal(1, await hub.CountAsync("""
            SELECT count(*) FROM audit_log s JOIN audit_log l ON l.xid = s.xid
            WHERE s.action = 'feed.submit' AND s.subject = 'tax/arrive-1' AND l.action = 'person.link' AND l.subject = 'tax/arrive-1'
              AND l.detail->>'path' = 'arrival' AND l.detail->>'to' = '2'
            """));
        Assert.Equal(1, await hub.LinksAsync("arrive-r1"));
        Assert.Equal(1, await hub.CountAsync("SELECT count(*) FROM intake_batch WHERE batch_id = 'arrive-1' AND linked_through = 2"));
    }

    [Fact]
    public async Task SubmitFeed_MistypedNumberOfAKnownPerson_MatchedInTheTransactionThatStoresIt()
    {
        var response = await PostKnownPersonThenMistypedNumberAsync(hub, "arrive", 705);

        Assert.Equal(200, response.Status);
        Assert.Equal(0, await hub.CountAsync("SELECT count(*) FROM link_deferred WHERE record_id = 'arrive-typo-r1'"));
        Assert.Equal(1, await hub.LinksToPersonOfAsync("arrive-hh", "arrive-typo-r1", "probabilistic"));
        Assert.Equal(1, await hub.CountAsync("""
            SELECT count(*) FROM audit_log s JOIN audit_log m ON m.xid = s.xid
            WHERE s.action = 'feed.submit' AND s.subject = 'tax/arrive-typo' AND m.action = 'person.match'
            """));
    }

    [Fact]
    public async Task SubmitFeed_HubWithOneConnection_MatchesOnArrivalWithoutASecondConnection()
    {
        await using var single = await IntakeHarness.StartAsync("arrival_one_connection", ArrivalOn, hubPoolSize: 1);
        var response = await PostKnownPersonThenMistypedNumberAsync(single, "single", 706);

        Assert.Equal(200, response.Status);
        Assert.Equal(1, await single.LinksAsync("single-typo-r1", "probabilistic"));
        Assert.Equal(1, await single.CountAsync("SELECT count(*) FROM audit_log WHERE action = 'person.match'"));
    }

    [Fact]
    public async Task SubmitFeed_PersonMergedAwayWhileTheLinkWaitsForIt_LinksToTheSurvivor()
    {
        var away = TaxRecords.IdNumber(703);
        Assert.Equal(200, (await hub.PostJsonAsync("tax", "wage-withholding", TaxRecords.Json("merge-1",
            TaxRecords.Record("merge-r1", away), TaxRecords.Record("merge-r2", TaxRecords.IdNumber(704))))).Status);
        var awayId = await hub.PersonOfAsync("merge-r1");
        var survivor = await hub.PersonOfAsync("merge-r2");

        // A merge in progress, as the review service makes one: the person's row locked and its merged_into set.
        await using var merge = await hub.DataSource.OpenConnectionAsync(Token);
        await using var transaction = await merge.BeginTransactionAsync(Token);
        await using (var command = new NpgsqlCommand($"""
            SELECT 1 FROM person WHERE person_id = {awayId} FOR UPDATE;
            UPDATE person SET merged_into = {survivor} WHERE person_id = {awayId}
            """, merge, transaction))
        {
            await command.ExecuteNonQueryAsync(Token);
        }

        var linking = hub.PostJsonAsync("tax", "wage-withholding", TaxRecords.Json("merge-2", TaxRecords.Record("merge-r3", away)));
        const string waiting = """
            SELECT count(*) FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%RECURSIVE chain%'
            """;
        while (await hub.CountAsync(waiting) == 0)
        {
            Assert.False(linking.IsCompleted);
            await Task.Delay(20, Token);
        }

        await transaction.CommitAsync(Token);

        Assert.Equal(200, (await linking).Status);
        Assert.Equal(survivor, await hub.PersonOfAsync("merge-r3"));
    }

    [Fact]
    public async Task SubmitFeed_ArrivalWorkFails_BatchStoredWithItsReportAndLinkedAfterwards()
    {
        await using var failing = await IntakeHarness.StartAsync("arrival_failing", ArrivalOn,
            s => s.AddSingleton<IArrivalListener, FailingStep>());
        var response = await failing.PostJsonAsync("tax", "wage-withholding",
            TaxRecords.Json("arrive-fail", TaxRecords.Record("fail-r1", TaxRecords.IdNumber(702))));

        Assert.Equal(200, response.Status);
        Assert.Equal(1, response.Json.GetProperty("accepted").GetInt32());
        Assert.Equal(1, await failing.CountAsync("SELECT count(*) FROM source_record WHERE record_id = 'fail-r1'"));
        Assert.Equal(1, await failing.CountAsync("SELECT count(*) FROM intake_batch WHERE batch_id = 'arrive-fail' AND completed_at IS NOT NULL"));
        // The arrival link before the failing step was rolled back with it; the request linked the batch afterwards instead.
        Assert.Equal(0, await failing.CountAsync("SELECT count(*) FROM audit_log WHERE detail->>'path' = 'arrival'"));
        Assert.Equal(1, await failing.CountAsync("SELECT count(*) FROM audit_log WHERE subject = 'tax/arrive-fail' AND detail->>'path' = 'chunk'"));
        Assert.Equal(1, await failing.LinksAsync("fail-r1"));
        Assert.Equal(1, await failing.CountAsync("SELECT count(*) FROM person"));
    }

    [Fact]
    public async Task ExchangeScan_ArrivalWorkFails_BatchLinkedBeforeTheScanGoesOn()
    {
        await using var exchange = await ExchangeFolder.StartAsync("arrival_failing_exchange", ArrivalOn,
            s => s.AddSingleton<IArrivalListener, FailingStep>());
        exchange.Drop("tax", "wage-withholding", "a.json",
            TaxRecords.Json("exchange-fail", TaxRecords.Record("exchange-r1", TaxRecords.IdNumber(708))));

        var results = await exchange.ConfiguredInbox().ScanAsync(Token);

        Assert.Equal("processed", Assert.Single(results).Disposition);
        // As over HTTP: the arrival link was rolled back with the failing step, and the scan linked the batch afterwards.
        Assert.Equal(0, await exchange.Hub.CountAsync("SELECT count(*) FROM audit_log WHERE detail->>'path' = 'arrival'"));
        Assert.Equal(1, await exchange.Hub.CountAsync(
            "SELECT count(*) FROM audit_log WHERE subject = 'tax/exchange-fail' AND detail->>'path' = 'chunk'"));
        Assert.Equal(1, await exchange.Hub.LinksAsync("exchange-r1"));
    }

    /// <summary>Public security's record of a person (record <c>{prefix}-hh</c>), then a tax record of the same person with
    /// one digit of the number mistyped and a homophone name (record <c>{prefix}-typo-r1</c>, batch <c>{prefix}-typo</c>).</summary>
    private static async Task<IntakeHarness.Response> PostKnownPersonThenMistypedNumberAsync(IntakeHarness hub, string prefix, int person)
    {
        var id = TaxRecords.IdNumber(person);
        Assert.Equal(200, (await hub.PostJsonAsync("ps", "household-registration",
            Households.Batch($"{prefix}-ps", $"{prefix}-hh", id, "陈伟", Households.BirthDate(id)))).Status);
        var mistyped = id[..9] + (id[9] == '5' ? '6' : '5') + id[10..];
        return await hub.PostJsonAsync("tax", "wage-withholding",
            TaxRecords.Json($"{prefix}-typo", TaxRecords.Record($"{prefix}-typo-r1", mistyped, name: "陈玮")));
    }

    /// <summary>Runs after the arrival listener and fails in the database, as a step whose statement breaks would.</summary>
    private sealed class FailingStep : IArrivalListener
    {
        public bool Takes(int records) => true;

        public async Task OnStoringAsync(ArrivedBatch batch, NpgsqlConnection connection, NpgsqlTransaction transaction,
            CancellationToken cancellationToken)
        {
            await using var command = new NpgsqlCommand("SELECT 1 / 0", connection, transaction);
            await command.ExecuteScalarAsync(cancellationToken);
        }

        public Task OnStoredAsync(CommittedBatch batch, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
