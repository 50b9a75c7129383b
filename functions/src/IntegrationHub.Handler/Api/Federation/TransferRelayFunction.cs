using IntegrationHub.Flows.Federation.Transfers;
using IntegrationHub.Handler.Functions;

namespace IntegrationHub.Handler.Api.Federation;

/// <summary>Timer (every second): moves transfers on (sends packages and decisions to the peer, accepts received ones).</summary>
public sealed class TransferRelayFunction(TransferRelay relay, ILogger<TransferRelayFunction> logger) : ITimerFunction
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(20);

    public async Task RunAsync(TimerInvocation invocation, CancellationToken cancellationToken)
    {
        var steps = await relay.RunAsync(Budget, cancellationToken);
        if (steps > 0)
        {
            logger.LogInformation("Transfer relay ran {Count} steps", steps);
        }
    }
}
