namespace IntegrationHub.Handler.Triggers;

/// <summary>
/// Standalone only: fires each timerTrigger on the schedule its function.json declares. On Azure the Functions host
/// does this and calls the handler through <see cref="InvocationEndpoint"/> instead.
/// </summary>
public sealed class TimerScheduler(
    FunctionCatalog catalog,
    FunctionRegistry registry,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<TimerScheduler> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loops = catalog.Functions
            .Where(f => f.Trigger == TriggerKind.Timer)
            .Select(f => RunLoopAsync(f, CronSchedule.Parse(f.Schedule!), stoppingToken))
            .ToArray();
        return Task.WhenAll(loops);
    }

    private async Task RunLoopAsync(FunctionDefinition function, CronSchedule schedule, CancellationToken stoppingToken)
    {
        if (function.RunOnStartup)
        {
            await RunOnceAsync(function, pastDue: false, stoppingToken);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var next = schedule.Next(time.GetUtcNow());
            var delay = next - time.GetUtcNow();
            try
            {
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, time, stoppingToken);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await RunOnceAsync(function, pastDue: time.GetUtcNow() - next > TimeSpan.FromSeconds(30), stoppingToken);
        }
    }

    private async Task RunOnceAsync(FunctionDefinition function, bool pastDue, CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var timer = (ITimerFunction)scope.ServiceProvider.GetRequiredService(registry.Implementations[function.Name]);
            await timer.RunAsync(new TimerInvocation(pastDue, time.GetUtcNow()), stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            // A failed run must not stop the schedule; the next tick tries again, as the Functions host would.
            logger.LogError(exception, "Timer function {Function} failed", function.Name);
        }
    }
}
