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

/// <summary>A test class whose tests share the one pair of peer hubs of its <see cref="PeerHubsFixture"/>.</summary>
public abstract class PeerHubsFixtureTests(PeerHubsFixture fixture) : IClassFixture<PeerHubsFixture>
{
    /// <summary>The class's pair of hubs (A Chongqing, B Sichuan).</summary>
    protected PeerHubs Hubs => fixture.Hubs;
}
