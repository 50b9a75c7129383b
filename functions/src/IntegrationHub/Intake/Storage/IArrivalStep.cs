namespace IntegrationHub.Intake.Storage;

/// <summary>
/// Work done in the transaction that stores a new batch whole, before it completes: identity links the batch's records
/// there, so a small batch costs one transaction and its records are linked when the sender hears back. It runs under a
/// savepoint; if it fails, intake rolls back to it and completes the batch all the same, leaving the work to its timer.
/// </summary>
public interface IArrivalStep
{
    /// <summary>Whether the step does its work for a batch of this many records (accepted, unchanged and rejected).</summary>
    bool Takes(int records);

    Task RunAsync(ArrivedBatch batch, CancellationToken cancellationToken);
}
