using IntegrationHub.Flows.Federation.Messaging;
using IntegrationHub.Flows.Federation.Trust;

namespace IntegrationHub.Flows.Federation.Transfers;

/// <summary>The <c>transfer</c> service between hubs: the origin's package (answered by a signed receipt) and the
/// destination's decision (answered by a signed acknowledgement). Both are idempotent by transfer id.</summary>
internal sealed class TransferPeerService(NpgsqlDataSource dataSource, IdentityProtector protector, TransferDecisions decisions,
    TrustSettings trust, TimeProvider time) : IPeerService
{
    public string Name => PeerServices.Transfer;

    public async Task<byte[]> AnswerAsync(VerifiedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = message.BodyAs<JsonObject>(Bad, "The body is a JSON object.");
        return (string?)body["kind"] switch
        {
            "package" => await ReceivePackageAsync(message, body, cancellationToken),
            "decision" => await ReceiveDecisionAsync(message, body, cancellationToken),
            _ => throw Bad("/kind", "kind is package or decision."),
        };
    }

    private async Task<byte[]> ReceivePackageAsync(VerifiedMessage message, JsonObject body, CancellationToken cancellationToken)
    {
        var (id, package, idNumber, date, reason) = TransferPackage.Parse(body, message.Peer.Region, trust.Signer!.Region);
        var now = time.GetUtcNow();
        var requestedAt = DateTimeOffset.TryParse((string?)package["requestedAt"], System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out var at) ? at : now;
        var autoAccept = trust.Options.AutoAcceptTransfers;
        var row = new TransferRow(id, TransferRow.Destination, message.Peer.Region, null, reason, "peer", TransferStatus.Received, date, package,
            protector.Encrypt(idNumber, TransferCipher.Purpose), protector.BlindIndex(idNumber), autoAccept ? "decide" : null,
            autoAccept ? now : null, requestedAt);
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            if (await TransferStore.TryInsertAsync(connection, transaction, row, cancellationToken))
            {
                await TransferStore.AddStepAsync(connection, transaction, id, TransferStatus.Requested, requestedAt, reason, null, cancellationToken);
                await TransferStore.AddStepAsync(connection, transaction, id, TransferStatus.Sent, message.Jws.Header.Timestamp, null, null,
                    cancellationToken);
                await TransferStore.AddStepAsync(connection, transaction, id, TransferStatus.Received, now, null, message.Jws.Header.MessageId,
                    cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
        }

        // The package again (a lost receipt, a resumed relay): the receipt says where the transfer stands now.
        var view = (await TransferStore.ViewAsync(dataSource, id, cancellationToken))!;
        if (view.Role != TransferRow.Destination || view.Peer != message.Peer.Region)
        {
            throw new PeerRefusalException(PeerRefusalKind.BadBody, "transfer-id-taken", $"Transfer id {id} names another transfer here.",
                new FieldError("/transferId", "transfer-id-taken", "another transfer has this id"));
        }

        return Receipt(id, view.Status, view.StatusReason);
    }

    private async Task<byte[]> ReceiveDecisionAsync(VerifiedMessage message, JsonObject body, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse((string?)body["transferId"], out var id))
        {
            throw Bad("/transferId", "transferId is a UUID.");
        }

        var status = (string?)body["status"];
        if (status is not (TransferStatus.Accepted or TransferStatus.Rejected))
        {
            throw Bad("/status", "status is accepted or rejected.");
        }

        var reason = (string?)body["reason"];
        var applied = await decisions.ApplyAsync(id, message.Peer.Region, status, reason, message.Jws.Header.MessageId, cancellationToken)
            ?? throw new PeerRefusalException(PeerRefusalKind.NotFound, "unknown-transfer", $"No transfer {id} to {message.Peer.Region} here.");
        return Receipt(id, applied.Status, applied.Reason);
    }

    public static byte[] Receipt(Guid id, string status, string? reason) => JsonSerializer.SerializeToUtf8Bytes(new JsonObject
    {
        ["transferId"] = id.ToString(),
        ["status"] = status,
        ["reason"] = reason,
    });

    private static PeerRefusalException Bad(string pointer, string message) =>
        new(PeerRefusalKind.BadBody, "invalid-transfer-message", message, new FieldError(pointer, "invalid-transfer-message", message));
}
