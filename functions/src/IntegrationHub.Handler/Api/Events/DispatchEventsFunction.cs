using IntegrationHub.Events.Dispatch;

namespace IntegrationHub.Handler.Api.Events;

/// <summary>Timer (on Azure): runs dispatcher passes until one delivers nothing or the budget is spent. Standalone the hosted
/// dispatcher does this continuously, and this timer does nothing.</summary>
public sealed class DispatchEventsFunction(Dispatcher dispatcher, DispatcherActivity activity, TimeProvider time) : ITimerFunction
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(45);

    public async Task RunAsync(TimerInvocation invocation, CancellationToken cancellationToken)
    {
        if (activity.Hosted)
        {
            return;
        }

        var started = time.GetUtcNow();
        while (time.GetUtcNow() - started < Budget && await dispatcher.RunOnceAsync(cancellationToken) > 0)
        {
        }
    }
}
