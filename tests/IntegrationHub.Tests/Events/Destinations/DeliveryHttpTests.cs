using IntegrationHub.Events.Subscriptions;

namespace IntegrationHub.Tests.Events.Destinations;

/// <summary>
/// The check at connect time, on a hub in Production (loopback not allowed): a destination whose host resolves to a
/// forbidden address when the events are sent is not connected to, whatever registration saw. The subscriptions are
/// written through the store, as one registered before the policy, or under a name that resolved elsewhere then, is.
/// </summary>
public sealed class DeliveryHttpTests() : DeliveryHarnessTests(AsInProduction())
{
    private RecordingListener listener = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        listener = await RecordingListener.StartAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await listener.DisposeAsync();
        await base.DisposeAsync();
    }

    private string Port => listener.BaseAddress.Port.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Dispatch_WebhookHostResolvingToLoopback_IsNotConnectedToAndFailsTheAttemptWithTheReason()
    {
        await CreateAsync("resolves-to-loopback", new Destination(DestinationKind.Webhook, Url: $"http://localhost:{Port}/hook"));
        await hub.EmitAsync([("P000000301", DeliveryHarness.Employment("P000000301", 1))]);

        await hub.DrainAsync();
        hub.Clock.Advance(TimeSpan.FromHours(1));
        await hub.DrainAsync();

        Assert.Empty(listener.Received);
        var (state, attempts, error) = await DeliveryAsync();
        Assert.Equal("pending", state);
        Assert.Equal(2, attempts);
        Assert.StartsWith("destination-forbidden: localhost (resolved to ", error, StringComparison.Ordinal);
        Assert.Contains("is a loopback address: events go there only when Events:AllowLoopbackHttp is true.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispatch_ServiceBusEndpointOnLoopbackAddress_IsNotConnectedTo()
    {
        await CreateAsync("bus-on-loopback", new Destination(DestinationKind.ServiceBus, Namespace: "chongqing-hub", Topic: "hub-events",
            KeyName: "send", Endpoint: $"http://127.0.0.1:{Port}"));
        await hub.EmitAsync([("P000000302", DeliveryHarness.Employment("P000000302", 1))]);

        await hub.DrainAsync();

        Assert.Empty(listener.Received);
        var (_, attempts, error) = await DeliveryAsync();
        Assert.Equal(1, attempts);
        Assert.StartsWith("destination-forbidden: 127.0.0.1 is a loopback address", error, StringComparison.Ordinal);
    }

    private async Task CreateAsync(string name, Destination destination) =>
        await hub.Server.Services.GetRequiredService<SubscriptionStore>().CreateAsync(new SubscriptionSpec(name, name + "-dept", "就业促进法 第十九条",
            "precise policy push", ["cn.gov.hrss.hub.employment.*"], ["/personId"], false, destination, Secret), "admin", Token);

    private async Task<(string State, int Attempts, string Error)> DeliveryAsync()
    {
        await using var command = hub.DataSource.CreateCommand("SELECT state, attempts, last_error FROM delivery");
        await using var reader = await command.ExecuteReaderAsync(Token);
        Assert.True(await reader.ReadAsync(Token));
        var row = (reader.GetString(0), reader.GetInt32(1), reader.GetString(2));
        Assert.False(await reader.ReadAsync(Token));
        return row;
    }
}
