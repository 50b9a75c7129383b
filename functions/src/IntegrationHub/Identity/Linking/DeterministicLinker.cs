using IntegrationHub.Intake.Published;

namespace IntegrationHub.Identity.Linking;

/// <summary>Links accepted records to persons on their valid identity number, following intake batch by batch.</summary>
/// <remarks>
/// A chunk of a batch is linked in one transaction that also moves the batch's cursor (<see cref="StoredLines"/>), so a
/// crash repeats nothing and loses nothing; several hubs share the work (SKIP LOCKED) and the unique trusted-number index
/// makes two persons for one number impossible. A valid number whose name and birth date both disagree with its person goes
/// to review; a record without a trustworthy number is deferred to the probabilistic matcher. The chunk path is in
/// <c>DeterministicLinker.Chunk.cs</c> (the persons of its numbers in <c>.Persons.cs</c>); a batch with many unlinked lines is
/// linked set-wise instead (<c>DeterministicLinker.Setwise.cs</c>): same decisions, same cursor, far fewer round trips.
/// </remarks>
public sealed partial class DeterministicLinker(
    NpgsqlDataSource dataSource,
    FeatureExtractor features,
    NumberAdoption adoption,
    AuditLog audit,
    TimeProvider time,
    IOptions<IdentityOptions> options)
{
    /// <summary>Links every stored line not yet linked; returns the totals.</summary>
    public async Task<LinkOutcome> LinkAllAsync(CancellationToken cancellationToken)
    {
        var total = LinkOutcome.Nothing;
        while (await LinkNextChunkAsync(cancellationToken) is { Lines: > 0 } step)
        {
            total = total.Add(step);
        }

        return total;
    }

    /// <summary>Links the next chunk (or set-wise segment) of whichever batch is waiting and not held by another linker.</summary>
    public async Task<LinkOutcome> LinkNextChunkAsync(CancellationToken cancellationToken) =>
        (await LinkStepAsync(null, cancellationToken)).Outcome;

    /// <summary>
    /// Links what is unlinked of one batch now, in transactions of its own; nothing when another linker holds the batch
    /// (it is linking it already). Called right after intake committed a small batch (<see cref="OnArrival.ArrivalListener"/>).
    /// </summary>
    public async Task<LinkOutcome> LinkBatchAsync(string department, string batchId, CancellationToken cancellationToken)
    {
        var total = LinkOutcome.Nothing;
        while (true)
        {
            var (step, caughtUp) = await LinkStepAsync((department, batchId), cancellationToken);
            total = total.Add(step);
            if (step.Lines == 0 || caughtUp)
            {
                return total;
            }
        }
    }

    /// <summary>One step, and whether it linked the batch up to what was stored when it was claimed.</summary>
    private async Task<(LinkOutcome Outcome, bool CaughtUp)> LinkStepAsync((string Department, string BatchId)? only, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var batch = await ClaimBatchAsync(connection, transaction, only, cancellationToken);
        if (batch is null)
        {
            return (LinkOutcome.Nothing, true);
        }

        var settings = options.Value;
        var now = time.GetUtcNow();
        var setwisePath = batch.Unlinked > settings.SetwiseThreshold;
        var to = Math.Min(batch.StoredThrough, batch.LinkedThrough + (setwisePath ? settings.SetwiseSegmentSize : settings.ChunkSize));
        LinkOutcome outcome;
        if (setwisePath)
        {
            // A segment's statements run over tens of thousands of rows: plans fitted to them, not the chunk path's generic ones.
            await using (var planned = new NpgsqlCommand(GenericPlans.FittedForTransaction, connection, transaction))
            {
                await planned.ExecuteNonQueryAsync(cancellationToken);
            }

            outcome = await LinkSetwiseAsync(connection, transaction, batch, to, now, cancellationToken);
            await using var finish = new NpgsqlBatch(connection, transaction);
            AddFinish(finish, batch, to, outcome, "setwise");
            await finish.ExecuteNonQueryAsync(cancellationToken);
        }
        else
        {
            var stored = await StoredLines.ReadAcceptedAsync(connection, transaction, batch, to, cancellationToken);
            outcome = await LinkChunkAsync(connection, transaction, batch, to, stored, "chunk", now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return (outcome, to == batch.StoredThrough);
    }

    /// <summary>
    /// Links a batch's records in the transaction that is storing them (intake's, before it completes the batch): the
    /// records come from memory rather than being read back, and the batch's cursor moves from nothing linked to all of it.
    /// The caller owns the transaction; if this throws, the caller rolls back what it did.
    /// </summary>
    public Task<LinkOutcome> LinkArrivedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ArrivedBatch batch,
        CancellationToken cancellationToken) =>
        LinkChunkAsync(connection, transaction, new ClaimedBatch(batch.Department, batch.BatchId, batch.Feed, 0, batch.StoredThrough),
            batch.StoredThrough, batch.Accepted, "arrival", time.GetUtcNow(), cancellationToken);

    private static async Task<ClaimedBatch?> ClaimBatchAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        (string Department, string BatchId)? only, CancellationToken cancellationToken)
    {
        await using var claim = new NpgsqlBatch(connection, transaction);
        claim.BatchCommands.Add(new NpgsqlBatchCommand(GenericPlans.ForTransaction));
        claim.BatchCommands.Add(StoredLines.ClaimCommand(only?.Department, only?.BatchId));
        await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
        return await StoredLines.ReadClaimAsync(reader, cancellationToken);
    }

    /// <summary>
    /// The end of a linking step: the cursor, the person events (raised by a commit-time trigger, fired here so that their
    /// work happens before commit, where a failure can still be caught) and the audit entry.
    /// </summary>
    private void AddFinish(NpgsqlBatch finish, ClaimedBatch batch, int to, LinkOutcome outcome, string path)
    {
        finish.BatchCommands.Add(StoredLines.AdvanceCommand(batch, to));
        finish.BatchCommands.Add(new NpgsqlBatchCommand("SET CONSTRAINTS ALL IMMEDIATE"));
        finish.BatchCommands.Add(audit.Command(new AuditEntry("identity-linker", "person.link", "identity-reconciliation",
            $"{batch.Department}/{batch.BatchId}", JsonSerializer.Serialize(new { from = batch.LinkedThrough, to, path,
                linked = outcome.Linked, review = outcome.Review, deferred = outcome.Deferred }))));
    }
}
