using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.Events.Dispatch;

/// <summary>
/// Standalone: runs the dispatcher continuously. It LISTENs on <c>hub_events</c> (notified at the commit of any
/// transaction that wrote the outbox) and runs a pass as soon as it hears; without a notification it still runs one every
/// <see cref="EventsOptions.PollInterval"/>, which picks up retries that fall due and anything a lost connection missed.
/// </summary>
public sealed class DispatcherService(
    Dispatcher dispatcher,
    NpgsqlDataSource dataSource,
    IOptions<EventsOptions> options,
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

        while (!stoppingToken.IsCancellationRequested)
        {
            Interlocked.Exchange(ref woken, 0);
            try
            {
                await dispatcher.RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "A dispatcher pass failed");
            }

            if (Volatile.Read(ref woken) == 0)
            {
                await connection.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
        }
    }
}
