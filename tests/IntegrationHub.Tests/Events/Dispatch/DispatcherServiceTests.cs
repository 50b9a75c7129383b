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
        var listener = await DispatcherPidAsync(hub, Probe);
        await service.StopAsync(TestContext.Current.CancellationToken);

        // The pool's one connection is the one that listened; it came back without its LISTEN.
        var state = await pool.SessionStateAsync();
        Assert.Equal(listener, state.Pid);
        Assert.Equal(0, state.Channels);
    }

    [Fact]
    public async Task Commit_WritingTheOutbox_NotifiesNobody()
    {
        var connectionString = await TestDatabase.CreateMigratedAsync("outbox_no_notify");
        await using var listener = new NpgsqlConnection(connectionString);
        await listener.OpenAsync(TestContext.Current.CancellationToken);
        var heard = false;
        listener.Notification += (_, _) => heard = true;
        await using (var listen = new NpgsqlCommand("LISTEN hub_events", listener))
        {
            await listen.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        await EmitAsync(connectionString);

        // A notification sent at that commit would have reached the listener by now; waiting reads what arrived.
        await listener.WaitAsync(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        Assert.False(heard);
    }

    [Fact]
    public async Task Dispatcher_OutboxGrowsWhileIdle_FansOutWithoutWaitingForItsPollInterval()
    {
        var connectionString = await TestDatabase.CreateMigratedAsync("dispatcher_probe");
        await using var hub = await HubServer.StartAsync(connectionString, new Dictionary<string, string?> { ["Events:DispatcherEnabled"] = "false" });
        var dataSource = hub.Services.GetRequiredService<Npgsql.NpgsqlDataSource>();
        var options = Options.Create(new EventsOptions { PollInterval = TimeSpan.FromMinutes(10) });
        var service = new DispatcherService(hub.Services.GetRequiredService<Dispatcher>(), dataSource, options, TimeProvider.System,
            NullLogger<DispatcherService>.Instance);
        await service.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            await DispatcherPidAsync(hub, Probe);
            var tx = await EmitAsync(connectionString);

            // Only a pass after the commit makes the fan-out's snapshot see it: the poll interval is ten minutes away.
            var fannedOut = false;
            for (var attempt = 0; attempt < 200 && !fannedOut; attempt++)
            {
                await Task.Delay(50, TestContext.Current.CancellationToken);
                fannedOut = await dataSource.CountAsync(
                    $"SELECT count(*) FROM delivery_fanout WHERE pg_visible_in_snapshot('{tx}'::xid8, snapshot)") == 1;
            }

            Assert.True(fannedOut);
        }
        finally
        {
            await service.StopAsync(TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Writes one event to the outbox in a transaction of its own; returns that transaction's id.</summary>
    private static async Task<string> EmitAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await using var emit = new NpgsqlCommand("""
            SELECT pg_current_xact_id()::text FROM hub_emit_event('cn.gov.hrss.hub.person.created.v1', 'P000000001', now(), '{"personId": "P000000001"}'::jsonb, NULL)
            """, connection, transaction);
        var tx = (string)(await emit.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
        await transaction.CommitAsync(TestContext.Current.CancellationToken);
        return tx;
    }

    /// <summary>What an idle dispatcher last ran on its connection: the look at the outbox's last position (after its LISTEN).</summary>
    private const string Probe = "SELECT coalesce(max(position), 0) FROM event_outbox";

    /// <summary>The backend of the dispatcher's connection, once it has listened and looked at the outbox.</summary>
    private static async Task<int> DispatcherPidAsync(HubServer hub, string lastQuery)
    {
        var dataSource = hub.Services.GetRequiredService<Npgsql.NpgsqlDataSource>();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            await using var command = dataSource.CreateCommand(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = @query");
            command.Parameters.AddWithValue("query", lastQuery);
            if (await command.ExecuteScalarAsync(TestContext.Current.CancellationToken) is int pid)
            {
                return pid;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException("the dispatcher never looked at the outbox");
    }
}
