using IntegrationHub.Flows.Exchange;
using IntegrationHub.Flows.Exchange.Feeds;
using static IntegrationHub.Tests.Labor.LaborRecords;

namespace IntegrationHub.Tests.Flows.Exchange.Feeds;

public sealed class FeedWatchTests() : ExchangeScenarioTests(nameof(FeedWatchTests),
    new Dictionary<string, string?> { ["DepartmentExchange:Feeds:ps:household-registration:Due"] = "0 0 0 * * *" })
{
    // Intake stamps batches with the real clock; the watch looks from a clock the test moves on from it.
    private readonly ManualTimeProvider clock = new(DateTimeOffset.UtcNow.AddMinutes(1));

    [Fact]
    public async Task Run_BatchUnderHalfTheMedianOfTheLastOnes_RaisesFeedAnomalousOnce()
    {
        // Earlier batches of 4, 4 and 6 records: median 4, so a batch of 1 is under half of it; one of 3 is not.
        await SendTaxAsync(4);
        await SendTaxAsync(4);
        await SendTaxAsync(6);
        await SendTaxAsync(1);

        var alerts = await Watch().RunAsync(Token);

        var alert = Assert.Single(alerts);
        Assert.Equal(("tax", "wage-withholding", "anomalous"), (alert.Department, alert.Feed, alert.Kind));
        Assert.Equal(1, alert.Detail["received"]!.GetValue<int>());
        Assert.Equal(4.0, alert.Detail["median"]!.GetValue<double>());
        await SendTaxAsync(3);
        Assert.Empty(await Watch().RunAsync(Token));
        Assert.Equal(1, await Scenario.Hub.CountAsync(
            "SELECT count(*) FROM event_outbox WHERE type = 'cn.gov.hrss.hub.feed.anomalous.v1' AND subject = 'feed:tax/wage-withholding'"));
    }

    [Fact]
    public async Task Run_TooFewEarlierBatches_NoAnomaly()
    {
        await SendTaxAsync(10);
        await SendTaxAsync(1);

        Assert.Empty(await Watch().RunAsync(Token));
    }

    [Fact]
    public async Task Run_NoBatchBetweenTheLastTwoDueTimes_RaisesFeedOverdueOnce()
    {
        await Scenario.SendAsync("ps", "household-registration", Household("fw-h", IdNumber("19700101", 11), "500103-000321"));
        Assert.Empty(await Watch().RunAsync(Token));

        // Three days on with nothing more: the last day between two midnights (China time) had no batch.
        clock.Advance(TimeSpan.FromDays(3));
        var overdue = Assert.Single(await Watch().RunAsync(Token));

        Assert.Equal(("ps", "household-registration", "overdue"), (overdue.Department, overdue.Feed, overdue.Kind));
        Assert.Empty(await Watch().RunAsync(Token));
        Assert.Equal(1, await Scenario.Hub.CountAsync("SELECT count(*) FROM event_outbox WHERE type = 'cn.gov.hrss.hub.feed.overdue.v1'"));
    }

    [Fact]
    public async Task Run_FeedNeverSent_IsNotOverdue()
    {
        clock.Advance(TimeSpan.FromDays(40));

        Assert.Empty(await Watch().RunAsync(Token));
    }

    private int sent;

    private async Task SendTaxAsync(int records)
    {
        var batch = sent++;
        await Scenario.SendAsync("tax", "wage-withholding",
            [.. Enumerable.Range(0, records).Select(i => Tax($"fw-{batch}-{i}", IdNumber("19800101", 100 + i), "2026-10"))]);
    }

    private FeedWatch Watch()
    {
        var services = Scenario.Hub.Server.Services;
        return new FeedWatch(Scenario.Hub.DataSource, services.GetRequiredService<FeedSchedules>(),
            new HubCalendar(clock, services.GetRequiredService<IOptions<CalendarOptions>>()), services.GetRequiredService<IOptions<ExchangeFlowOptions>>());
    }
}
