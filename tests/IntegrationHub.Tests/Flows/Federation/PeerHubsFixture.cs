namespace IntegrationHub.Tests.Flows.Federation;

/// <summary>One pair of peer hubs for a test class whose tests do not stop them.</summary>
public sealed class PeerHubsFixture : IAsyncLifetime
{
    private PeerHubs? hubs;

    public PeerHubs Hubs => hubs ?? throw new InvalidOperationException("not started");

    public async ValueTask InitializeAsync() => hubs = await PeerHubs.StartAsync("fed");

    public async ValueTask DisposeAsync()
    {
        if (hubs is not null)
        {
            await hubs.DisposeAsync();
        }
    }
}
