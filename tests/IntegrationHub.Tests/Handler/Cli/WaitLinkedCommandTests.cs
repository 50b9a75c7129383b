using IntegrationHub.Handler.Cli;

namespace IntegrationHub.Tests.Handler.Cli;

public sealed class WaitLinkedCommandTests : IAsyncLifetime
{
    private IntakeHarness hub = null!;
    private string credentials = null!;

    public async ValueTask InitializeAsync()
    {
        hub = await IntakeHarness.StartAsync(nameof(WaitLinkedCommandTests));
        credentials = Path.Combine(Path.GetTempPath(), $"wait-linked-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(credentials, JsonSerializer.Serialize(hub.Tokens), TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        File.Delete(credentials);
        await hub.DisposeAsync();
    }

    /// <summary>Merges come after the queues are empty, so empty queues alone must not end the wait.</summary>
    [Fact]
    public async Task RunAsync_NothingToLink_ReturnsOnlyAfterTheCountsStayedPut()
    {
        var clock = Stopwatch.StartNew();

        var exit = await WaitLinkedCommand.RunAsync(hub.Server.BaseAddress, credentials, TimeSpan.FromMinutes(1),
            TestContext.Current.CancellationToken);

        Assert.Equal(0, exit);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(12), $"returned after {clock.Elapsed}");
    }

    [Fact]
    public async Task RunAsync_LinesNeverLinked_GivesUpAtTheTimeout()
    {
        await hub.PostJsonAsync("tax", "wage-withholding", TaxRecords.Json("wait-1", TaxRecords.Record("wait-1", TaxRecords.IdNumber(1))));

        var exit = await WaitLinkedCommand.RunAsync(hub.Server.BaseAddress, credentials, TimeSpan.FromSeconds(2),
            TestContext.Current.CancellationToken);

        Assert.Equal(1, exit);
    }
}
