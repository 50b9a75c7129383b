using IntegrationHub.Flows.Federation.Triggers;

namespace IntegrationHub.Handler.Api.Federation;

/// <summary>Timer (every 5 seconds): requests the transfers that department records ask for (a <c>move-out</c> or
/// <c>transferred-out</c> naming a peer's region in <c>toRegion</c>).</summary>
public sealed class TransferTriggersFunction(TransferTriggers triggers, ILogger<TransferTriggersFunction> logger) : ITimerFunction
{
    public async Task RunAsync(TimerInvocation invocation, CancellationToken cancellationToken)
    {
        var noted = await triggers.RunAsync(cancellationToken);
        if (noted > 0)
        {
            logger.LogInformation("Transfer triggers noted {Count} records", noted);
        }
    }
}
