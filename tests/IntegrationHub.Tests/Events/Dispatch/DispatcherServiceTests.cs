using IntegrationHub.Events;
using IntegrationHub.Events.Dispatch;

namespace IntegrationHub.Tests.Events.Dispatch;

public sealed class DispatcherServiceTests
{
    [Fact]
    public async Task StopAsync_ListeningConnection_GoesBackToPoolNotListening()
    {
        var connectionString = await TestDatabase.CreateMigratedAsync("dispatcher_unlisten");
        await using var hub = await HubServer.StartAsync(connectionString, new Dictionary<string, string?> { ["Events:DispatcherEnabled"] = "false" });
        await using var pool = PlatformDataSource.WithOneConnection(connectionString);
        var service = new DispatcherService(hub.Services.GetRequiredService<Dispatcher>(), pool.DataSource,
            hub.Services.GetRequiredService<IOptions<EventsOptions>>(), TimeProvider.System, NullLogger<DispatcherService>.Instance);

        await service.StartAsync(TestContext.Current.CancellationToken);
        var listener = await ListenerPidAsync(hub);
        await service.StopAsync(TestContext.Current.CancellationToken);

        // The pool's one connection is the one that listened; it came back without its LISTEN.
        var state = await pool.SessionStateAsync();
        Assert.Equal(listener, state.Pid);
        Assert.Equal(0, state.Channels);
    }

    private static async Task<int> ListenerPidAsync(HubServer hub)
    {
        var dataSource = hub.Services.GetRequiredService<Npgsql.NpgsqlDataSource>();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            await using var command = dataSource.CreateCommand(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN hub_events'");
            if (await command.ExecuteScalarAsync(TestContext.Current.CancellationToken) is int pid)
            {
                return pid;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException("the dispatcher never listened");
    }
}
