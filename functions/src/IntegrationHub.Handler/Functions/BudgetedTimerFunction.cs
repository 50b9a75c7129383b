namespace IntegrationHub.Handler.Functions;

/// <summary>A timer that runs one worker until it has nothing left or its time budget (20 s) is spent, and logs how much it did.</summary>
/// <remarks>The budget keeps one invocation well inside the timer's period under the Functions host, so that a backlog is
/// worked off over several invocations instead of one that the host would time out.</remarks>
public abstract class BudgetedTimerFunction(ILogger logger) : ITimerFunction
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(20);

    /// <summary>The log line for a run that did something; <c>{Count}</c> is what <see cref="WorkAsync"/> returned.</summary>
    protected abstract string DoneMessage { get; }

    /// <summary>Runs the worker within <paramref name="budget"/>; returns how many things it did.</summary>
    protected abstract Task<int> WorkAsync(TimeSpan budget, CancellationToken cancellationToken);

    public async Task RunAsync(TimerInvocation invocation, CancellationToken cancellationToken)
    {
        var done = await WorkAsync(Budget, cancellationToken);
        if (done > 0)
        {
#pragma warning disable CA2254 // The template is a constant of each subclass.
            logger.LogInformation(DoneMessage, done);
#pragma warning restore CA2254
        }
    }
}
