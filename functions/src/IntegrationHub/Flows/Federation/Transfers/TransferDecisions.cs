using IntegrationHub.Identity;
using IntegrationHub.Identity.Published;
using IntegrationHub.Labor.Published;

namespace IntegrationHub.Flows.Federation.Transfers;

/// <summary>The decisive steps of a transfer, each in one transaction with its events and audit entry: the destination
/// accepting (linking the person) or rejecting, and the origin applying the destination's decision.</summary>
internal sealed class TransferDecisions(NpgsqlDataSource dataSource, PersonAdmission admission, IdentityProtector protector, AuditLog audit,
    TimeProvider time)
{
    public const string AuditPurpose = "labor-record-transfer";

    /// <summary>Destination: accepts a received transfer: links (or creates) the person by identity number, brings the
    /// person's facts back if they had left, emits <c>person.transferred-in</c>, and queues the decision for the origin.
    /// False when the transfer is not waiting for a decision.</summary>
    public Task<bool> AcceptAsync(Guid id, string actor, CancellationToken cancellationToken) =>
        DecideAsync(id, async (connection, transaction, row, now) =>
        {
            var idNumber = protector.Decrypt(row.IdNumberCipher, TransferCipher.Purpose);
            var golden = row.Package["person"]?["golden"] as JsonObject ?? [];
            var (person, _) = await admission.AdmitAsync(connection, transaction, idNumber, golden, row.Peer, id.ToString(), now, cancellationToken);
            await PersonAway.MarkBackAsync(connection, transaction, person, cancellationToken);
            await TransferStore.MoveAsync(connection, transaction, id, TransferStatus.Accepted, null, "decision", now, now, null, cancellationToken,
                person);
            await EventOutbox.AppendAsync(connection, transaction,
                [new EventDraft(EventTypes.PersonTransferredIn, PersonId.Format(person), now, Data(person, id, "fromRegion", row.Peer, row.TransferDate))],
                cancellationToken);
            await audit.AppendAsync(connection, transaction, new AuditEntry(actor, "transfer.accepted", AuditPurpose, PersonId.Format(person),
                new JsonObject { ["transferId"] = id.ToString(), ["from"] = row.Peer }.ToJsonString()), cancellationToken);
        }, cancellationToken);

    /// <summary>Destination: rejects a received transfer with a reason, and queues the decision for the origin.</summary>
    public Task<bool> RejectAsync(Guid id, string reason, string actor, CancellationToken cancellationToken) =>
        DecideAsync(id, async (connection, transaction, row, now) =>
        {
            await TransferStore.MoveAsync(connection, transaction, id, TransferStatus.Rejected, reason, "decision", now, now, null, cancellationToken);
            await audit.AppendAsync(connection, transaction, new AuditEntry(actor, "transfer.rejected", AuditPurpose, null,
                new JsonObject { ["transferId"] = id.ToString(), ["from"] = row.Peer, ["reason"] = reason }.ToJsonString()), cancellationToken);
        }, cancellationToken);

    /// <summary>Runs a decision on a received destination transfer, locked, in one transaction; false when it is not one.</summary>
    private async Task<bool> DecideAsync(Guid id, Func<NpgsqlConnection, NpgsqlTransaction, TransferRow, DateTimeOffset, Task> decide,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = await TransferStore.LockAsync(connection, transaction, id, cancellationToken);
        if (row is not { Role: TransferRow.Destination, Status: TransferStatus.Received })
        {
            return false;
        }

        await decide(connection, transaction, row, now);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Origin: applies the destination's decision once. Accepted: the person is marked away (facts closed on the
    /// transfer date) and <c>person.transferred-out</c> emitted. Returns the transfer's status after, or null when unknown.</summary>
    /// <param name="receivedByPeer">False when the peer refused the package itself: no <c>received</c> step is implied.</param>
    public async Task<(string Status, string? Reason)?> ApplyAsync(Guid id, string peer, string status, string? reason, string? messageId,
        CancellationToken cancellationToken, bool receivedByPeer = true)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = await TransferStore.LockAsync(connection, transaction, id, cancellationToken);
        if (row is null || row.Role != TransferRow.Origin || row.Peer != peer)
        {
            return null;
        }

        if (TransferStatus.IsFinal(row.Status))
        {
            return (row.Status, row.StatusReason);
        }

        if (row.Status != TransferStatus.Received && receivedByPeer)
        {
            // The destination's receipt was lost on the way (a crash, a timeout): its decision says it received the package.
            await TransferStore.AddStepAsync(connection, transaction, id, TransferStatus.Received, now, null, null, cancellationToken);
        }

        await TransferStore.MoveAsync(connection, transaction, id, status, reason, null, null, now, messageId, cancellationToken);
        if (status == TransferStatus.Accepted && row.Person is { } person)
        {
            await PersonAway.MarkAwayAsync(connection, transaction, person, row.TransferDate, $"transferred to {peer}", now, cancellationToken);
            await EventOutbox.AppendAsync(connection, transaction,
                [new EventDraft(EventTypes.PersonTransferredOut, PersonId.Format(person), now, Data(person, id, "toRegion", peer, row.TransferDate))],
                cancellationToken);
        }

        await audit.AppendAsync(connection, transaction, new AuditEntry("peer/" + peer, "transfer." + status, AuditPurpose,
            row.Person is { } p ? PersonId.Format(p) : null, new JsonObject { ["transferId"] = id.ToString(), ["reason"] = reason }.ToJsonString()),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (status, reason);
    }

    private static JsonObject Data(long person, Guid id, string regionField, string region, DateOnly date) => new()
    {
        ["personId"] = PersonId.Format(person),
        ["transferId"] = id.ToString(),
        [regionField] = region,
        ["transferDate"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };
}

/// <summary>The purpose transfer rows' identity numbers are encrypted under.</summary>
internal static class TransferCipher
{
    public const string Purpose = "transfer.id_number";
}
