using IntegrationHub.Labor.Worker;

namespace IntegrationHub.Handler.Api.Labor;

/// <summary>Timer: recomputes the labor facts of persons whose records changed or whose facts change by the calendar, and
/// the zero-employment standing of their households, within a time budget; waits while identity links a large load.</summary>
public sealed class LaborFactsFunction(LaborWorker worker, LinkingBacklog backlog, ILogger<LaborFactsFunction> logger) : ITimerFunction
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(20);

    public async Task RunAsync(TimerInvocation invocation, CancellationToken cancellationToken)
    {
        if (await backlog.ShouldWaitAsync(cancellationToken))
        {
            logger.LogInformation("Labor facts wait while identity links a large load");
            return;
        }

        var recomputed = await worker.RunAsync(Budget, cancellationToken);
        if (recomputed > 0)
        {
            logger.LogInformation("Recomputed labor facts of {Count} persons and households", recomputed);
        }
    }
}
