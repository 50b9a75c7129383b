namespace IntegrationHub.Tests.Events.Destinations;

public sealed class CircuitBreakerTests : IAsyncLifetime
{
    private DeliveryHarness hub = null!;
    private RecordingListener webhook = null!;

    public async ValueTask InitializeAsync()
    {
        hub = await DeliveryHarness.StartAsync(nameof(CircuitBreakerTests), new Dictionary<string, string?>
        {
            ["Events:BreakerFailures"] = "2",
            ["Events:BreakerDuration"] = "00:05:00",
            ["Events:MaxAttempts"] = "10",
        });
        webhook = await RecordingListener.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await webhook.DisposeAsync();
        await hub.DisposeAsync();
    }

    [Fact]
    public async Task Dispatch_DestinationFailingRepeatedly_CircuitOpensStopsCallingItAndCostsNoAttempts()
    {
        await hub.SubscribeAsync(DeliveryHarness.Webhook("breaker", new Uri(webhook.BaseAddress, "/breaker"), "breaker-secret-0123456789abcdefghijkl", "/spellId"));
        var up = false;
        webhook.Respond = _ => Task.FromResult(up ? 200 : 503);
        await hub.EmitAsync([("P000000041", DeliveryHarness.Employment("P000000041", 1))]);

        await hub.DrainAsync();
        hub.Clock.Advance(TimeSpan.FromSeconds(10));
        await hub.DrainAsync();
        Assert.Equal(2, webhook.Received.Count);

        for (var i = 0; i < 5; i++)
        {
            hub.Clock.Advance(TimeSpan.FromSeconds(20));
            await hub.DrainAsync();
        }

        Assert.Equal(2, webhook.Received.Count);
        Assert.Equal(1, await hub.CountAsync("SELECT count(*) FROM delivery WHERE state = 'pending' AND attempts = 2"));

        up = true;
        hub.Clock.Advance(TimeSpan.FromMinutes(5));
        await hub.DrainAsync();
        Assert.Equal(3, webhook.Received.Count);
        Assert.Equal(1, await hub.CountAsync("SELECT count(*) FROM delivery WHERE state = 'delivered'"));
    }
}
