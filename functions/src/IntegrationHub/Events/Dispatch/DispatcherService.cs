namespace IntegrationHub.Events.Dispatch;

/// <summary>
/// Standalone: runs the dispatcher continuously. It LISTENs on <c>hub_events</c> (notified at the commit of any
/// transaction that wrote the outbox) and runs a pass as soon as it hears; without a notification it still runs one every
/// <see cref="EventsOptions.PollInterval"/>, which picks up retries that fall due and anything a lost connection missed.
/// Woken, it first waits <see cref="EventsOptions.GatherDelay"/> so that one pass takes the commits of the next few
/// milliseconds too: under a steady stream of small batches, a pass per commit cost as much as the batches' own linking.
/// </summary>
internal sealed class DispatcherService(
    Dispatcher dispatcher,
    NpgsqlDataSource dataSource,
    IOptions<EventsOptions> options,
    TimeProvider time,
    ILogger<DispatcherService> logger) : BackgroundService
{
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

            woken = takeWoken();
            if (!woken)
            {
                await connection.WaitAsync(options.Value.PollInterval, stoppingToken);
                woken = takeWoken();
            }
        }
    }
}
