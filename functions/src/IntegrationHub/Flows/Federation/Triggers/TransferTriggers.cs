namespace IntegrationHub.Flows.Federation.Triggers;

/// <summary>The transfers asked for by department records (a <c>move-out</c> or <c>transferred-out</c> naming a peer's region
/// in <c>toRegion</c>): the timer's face of <see cref="TriggerScan"/>.</summary>
public sealed class TransferTriggers
{
    private readonly TriggerScan scan;

    internal TransferTriggers(TriggerScan scan) => this.scan = scan;

    /// <summary>Takes the records not taken yet; returns how many it noted.</summary>
    public Task<int> RunAsync(CancellationToken cancellationToken) => scan.RunAsync(cancellationToken);
}
