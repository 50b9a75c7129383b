using IntegrationHub.Intake.Published;

namespace IntegrationHub.Identity.Linking.OnArrival;

/// <summary>Identity's side of intake's announcements: a small batch is linked as it arrives, before the sender hears back.</summary>
/// <remarks>
/// A new batch is linked in the transaction that stores it, from the records intake holds in memory: one transaction per
/// batch instead of two, and no reading back. The decisions are the chunk path's own (<see cref="DeterministicLinker"/>), and
/// the records it defers for want of a trustworthy number are matched at once (<see cref="ProbabilisticLinker"/>), as the
/// timer's pass would match them, so the batch is placed whole. A batch that was not linked so (a re-sent batch resumed
/// part-way, or linking on arrival failed) is linked right after intake committed it, in transactions of its own. Intake's
/// answer never depends on either: the batch's cursor still says what is unlinked, and the LinkRecords timer catches up.
/// </remarks>
internal sealed class ArrivalListener(DeterministicLinker linker, ProbabilisticLinker matcher, IOptions<IdentityOptions> options,
    ILogger<ArrivalListener> logger) : IArrivalListener
{
    public bool Takes(int records) => records <= options.Value.InlineMaxRecords;

    public async Task OnStoringAsync(ArrivedBatch batch, NpgsqlConnection connection, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        var outcome = await linker.LinkArrivedAsync(connection, transaction, batch, cancellationToken);
        if (outcome.Deferred > 0)
        {
            await matcher.LinkArrivedAsync(connection, transaction, batch.Accepted, cancellationToken);
        }
    }

    public Task OnStoredAsync(CommittedBatch batch, CancellationToken cancellationToken) =>
        LinkNowAsync(batch.Department, batch.BatchId, cancellationToken);

    /// <summary>Links what is unlinked of the batch now; nothing when another linker holds it, null when the database failed.</summary>
    public async Task<LinkOutcome?> LinkNowAsync(string department, string batchId, CancellationToken cancellationToken)
    {
        try
        {
            return await linker.LinkBatchAsync(department, batchId, cancellationToken);
        }
        catch (NpgsqlException exception) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(exception, "Linking batch {Department}/{BatchId} on arrival failed; the LinkRecords timer will link it",
                department, batchId);
            return null;
        }
    }
}
