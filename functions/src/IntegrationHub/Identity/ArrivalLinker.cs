using System.Text.Json.Nodes;
using IntegrationHub.Intake.Storage;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Identity;

/// <summary>
/// Links a small new batch in the transaction that stores it, from the records intake holds in memory: one transaction
/// per batch instead of two, and no reading back. The decisions are the chunk path's own (<see cref="DeterministicLinker"/>),
/// and the records it defers for want of a trustworthy number are matched at once (<see cref="ProbabilisticLinker"/>), as
/// the timer's pass would match them, so the batch is placed whole before the reply.
/// </summary>
public sealed class ArrivalLinker(DeterministicLinker linker, ProbabilisticLinker matcher, IOptions<IdentityOptions> options) : IArrivalStep
{
    public bool Takes(int records) => records <= options.Value.InlineMaxRecords;

    public async Task RunAsync(ArrivedBatch batch, CancellationToken cancellationToken)
    {
        var candidates = batch.Accepted.Select(a => new LinkCandidate(batch.Department, batch.Feed, a.Record.RecordId!, a.Version,
            JsonNode.Parse(a.Record.Payload)!.AsObject(), a.Record.IdNumberIndex, a.Record.IdNumberCipher, a.Record.IdNumberValid ?? false)).ToList();
        var outcome = await linker.LinkArrivedAsync(batch.Connection, batch.Transaction, batch.Department, batch.BatchId, batch.Feed,
            batch.StoredThrough, candidates, cancellationToken);
        if (outcome.Deferred > 0)
        {
            await matcher.LinkArrivedAsync(batch.Connection, batch.Transaction, candidates, cancellationToken);
        }
    }
}
