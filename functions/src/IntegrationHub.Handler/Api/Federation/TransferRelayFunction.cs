using IntegrationHub.Flows.Federation.Transfers;

namespace IntegrationHub.Handler.Api.Federation;

/// <summary>Timer (every second): moves transfers on (sends packages and decisions to the peer, accepts received ones).</summary>
public sealed class TransferRelayFunction(TransferRelay relay, ILogger<TransferRelayFunction> logger) : BudgetedTimerFunction(logger)
{
    protected override string DoneMessage => "Transfer relay ran {Count} steps";

    protected override Task<int> WorkAsync(TimeSpan budget, CancellationToken cancellationToken) => relay.RunAsync(budget, cancellationToken);
}
