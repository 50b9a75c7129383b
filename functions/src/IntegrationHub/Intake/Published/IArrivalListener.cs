namespace IntegrationHub.Intake.Published;

/// <summary>A module told of each batch intake stores (identity, which links a small one before the sender hears back).</summary>
/// <remarks>
/// Intake tells a listener at most twice per batch, and nothing a listener does changes intake's answer. A new batch stored
/// whole in one transaction is announced in it, before it commits (<see cref="OnStoringAsync"/>): a small batch then costs
/// one transaction, and its records are linked when the sender hears back. That runs under a savepoint; if a listener fails,
/// intake rolls back to it and completes the batch all the same. A batch that was not announced so (resumed part-way, or the
/// listener failed) is announced once committed (<see cref="OnStoredAsync"/>), on every channel. What neither did is left to
/// the listener's own timer.
/// </remarks>
public interface IArrivalListener
{
    /// <summary>Whether the listener works on arrival for a batch of this many records (accepted, unchanged, rejected).</summary>
    bool Takes(int records);

    /// <summary>In the transaction that stores <paramref name="batch"/> whole, before it completes; intake owns it.</summary>
    Task OnStoringAsync(ArrivedBatch batch, NpgsqlConnection connection, NpgsqlTransaction transaction,
        CancellationToken cancellationToken);

    /// <summary>Once the batch committed, if <see cref="OnStoringAsync"/> did not run for it or failed: in its own transactions.</summary>
    Task OnStoredAsync(CommittedBatch batch, CancellationToken cancellationToken);
}
