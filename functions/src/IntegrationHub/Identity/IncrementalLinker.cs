using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.Identity;

/// <summary>
/// Small batches are linked as they arrive. A new one is linked in the transaction that stores it (<see cref="ArrivalLinker"/>);
/// one that was not (a re-sent batch resumed part-way, or arrival linking failed) is linked here, right after intake has
/// committed it and before the sender hears back, in transactions of its own. Intake's answer never depends on it: if
/// linking fails, or the process dies first, the batch's cursor still says what is unlinked and the LinkRecords timer
/// catches up. Records without a trustworthy number are deferred and matched by the timer's probabilistic pass.
/// </summary>
public sealed class IncrementalLinker(DeterministicLinker linker, IOptions<IdentityOptions> options, ILogger<IncrementalLinker> logger)
{
    /// <summary>Links the batch when it holds at most <see cref="IdentityOptions.InlineMaxRecords"/> records; null when it did not.</summary>
    public async Task<LinkOutcome?> LinkIfSmallAsync(string department, string batchId, int records, CancellationToken cancellationToken)
    {
        if (records == 0 || records > options.Value.InlineMaxRecords)
        {
            return null;
        }

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
