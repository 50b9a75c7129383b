using System.Text.Json.Nodes;
using IntegrationHub.Intake.Storage;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Identity;

/// <summary>
/// Links a small new batch in the transaction that stores it, from the records intake holds in memory: one transaction
/// per batch instead of two, and no reading back. The decisions are the chunk path's own (<see cref="DeterministicLinker"/>).
/// </summary>
public sealed class ArrivalLinker(DeterministicLinker linker, IOptions<IdentityOptions> options) : IArrivalStep
{
    public bool Takes(int records) => records <= options.Value.InlineMaxRecords;

    public Task RunAsync(ArrivedBatch batch, CancellationToken cancellationToken) =>
        linker.LinkArrivedAsync(batch.Connection, batch.Transaction, batch.Department, batch.BatchId, batch.Feed, batch.StoredThrough,
            batch.Accepted.Select(a => new LinkCandidate(batch.Department, batch.Feed, a.Record.RecordId!, a.Version,
                JsonNode.Parse(a.Record.Payload)!.AsObject(), a.Record.IdNumberIndex, a.Record.IdNumberCipher,
                a.Record.IdNumberValid ?? false)).ToList(),
            cancellationToken);
}
