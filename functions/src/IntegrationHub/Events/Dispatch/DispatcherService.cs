namespace IntegrationHub.Events.Dispatch;

/// <summary>
/// Standalone: runs the dispatcher continuously. It runs a pass as soon as the outbox's last position moves (looked up every
/// <see cref="EventsOptions.OutboxProbeInterval"/>) or a redrive notifies <c>hub_events</c>; otherwise it still runs one
/// every <see cref="EventsOptions.PollInterval"/>, which picks up retries that fall due and anything a lost connection
/// missed. Woken, it first waits <see cref="EventsOptions.GatherDelay"/> so that one pass takes the commits of the next few
/// milliseconds too: under a steady stream of small batches, a pass per commit cost as much as the batches' own linking.
/// </summary>
/// <remarks>The outbox used to notify at every commit that wrote it. PostgreSQL serializes notifying commits behind one
/// database-wide lock, WAL flush included, and at 200 single-record batches a second that lock held up every linking
/// transaction (migration 0070); the probe costs one primary-key lookup per interval instead.</remarks>
internal sealed class DispatcherService(
    Dispatcher dispatcher,
    NpgsqlDataSource dataSource,
    IOptions<EventsOptions> options,
    TimeProvider time,
    ILogger<DispatcherService> logger) : BackgroundService
{
    /// <summary>The outbox's last position at the previous look; -1 before the first.</summary>
    private long lastPosition = -1;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAndDispatchAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                logger.LogWarning(e, "The dispatcher lost its database connection; retrying");
                await Task.Delay(options.Value.PollInterval, stoppingToken);
            }
        }
    }

    private async Task ListenAndDispatchAsync(CancellationToken stoppingToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
        var woken = 0;
        connection.Notification += (_, _) => Interlocked.Exchange(ref woken, 1);
        await using (var listen = new NpgsqlCommand("LISTEN hub_events", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        try
        {
            await DispatchWhileListeningAsync(connection, () => Interlocked.Exchange(ref woken, 0) == 1, stoppingToken);
        }
        finally
        {
            // Pooled connections are not reset when returned (see PlatformServiceCollectionExtensions): this one must not
            // go back still listening.
            await using var unlisten = new NpgsqlCommand("UNLISTEN *", connection);
            if (connection.FullState == System.Data.ConnectionState.Open)
            {
                await unlisten.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }
    }

    private async Task DispatchWhileListeningAsync(NpgsqlConnection connection, Func<bool> takeWoken, CancellationToken stoppingToken)
    {
        var woken = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (woken && options.Value.GatherDelay > TimeSpan.Zero)
            {
                await Task.Delay(options.Value.GatherDelay, time, stoppingToken);
            }

            takeWoken();
            try
            {
                await dispatcher.RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "A dispatcher pass failed");
            }

            woken = takeWoken() || await OutboxGrewAsync(connection, stoppingToken);
            if (!woken)
            {
                woken = await WaitForWorkAsync(connection, takeWoken, stoppingToken);
            }
        }
    }

    /// <summary>Waits until a redrive notifies or the outbox grows, at most <see cref="EventsOptions.PollInterval"/>;
    /// returns whether either happened.</summary>
    private async Task<bool> WaitForWorkAsync(NpgsqlConnection connection, Func<bool> takeWoken, CancellationToken stoppingToken)
    {
        var waited = time.GetTimestamp();
        while (time.GetElapsedTime(waited) < options.Value.PollInterval)
        {
            await connection.WaitAsync(options.Value.OutboxProbeInterval, stoppingToken);
            if (takeWoken() || await OutboxGrewAsync(connection, stoppingToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the outbox's last position moved since the previous look (the first look only takes it).</summary>
    private async Task<bool> OutboxGrewAsync(NpgsqlConnection connection, CancellationToken stoppingToken)
    {
        await using var command = new NpgsqlCommand("SELECT coalesce(max(position), 0) FROM event_outbox", connection);
        var last = (long)(await command.ExecuteScalarAsync(stoppingToken))!;
        var grew = lastPosition >= 0 && last > lastPosition;
        lastPosition = last;
        return grew;
    }
}
