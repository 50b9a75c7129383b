using IntegrationHub.Flows.Federation.Messaging;
using IntegrationHub.Flows.Federation.Trust;

namespace IntegrationHub.Flows.Federation.Transfers;

/// <summary>
/// Moves transfers on, outbox-style: claims those whose next step is due (leasing them), sends the package or the decision
/// to the peer, and records the signed receipt. A crash anywhere leaves a due (or, after its lease, due again) transfer;
/// sending again is harmless, the peer answering by transfer id. A peer that is down defers the step, never drops it.
/// </summary>
public sealed class TransferRelay
{
    private const int ClaimSize = 64;
    private readonly NpgsqlDataSource dataSource;
    private readonly TrustSettings trust;
    private readonly PeerClient client;
    private readonly TransferDecisions decisions;
    private readonly IdentityProtector protector;
    private readonly TimeProvider time;
    private readonly ILogger<TransferRelay> logger;

    internal TransferRelay(NpgsqlDataSource dataSource, TrustSettings trust, PeerClient client, TransferDecisions decisions,
        IdentityProtector protector, TimeProvider time, ILogger<TransferRelay> logger)
    {
        this.dataSource = dataSource;
        this.trust = trust;
        this.client = client;
        this.decisions = decisions;
        this.protector = protector;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>Runs due steps until none is left or <paramref name="budget"/> is spent; returns how many it ran.</summary>
    public async Task<int> RunAsync(TimeSpan budget, CancellationToken cancellationToken)
    {
        if (trust.Signer is null)
        {
            return 0;
        }

        var started = time.GetTimestamp();
        var total = 0;
        while (time.GetElapsedTime(started) < budget)
        {
            var claimed = await ClaimAsync(cancellationToken);
            if (claimed.Count == 0)
            {
                break;
            }

            await Parallel.ForEachAsync(claimed, new ParallelOptions
            {
                MaxDegreeOfParallelism = Math.Max(1, trust.Options.TransferConcurrency), CancellationToken = cancellationToken,
            }, async (row, token) => await StepAsync(row, token));
            total += claimed.Count;
        }

        return total;
    }

    private async Task<List<TransferRow>> ClaimAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var lease = now + trust.Options.TransferLease;
        var rows = await TransferStore.ClaimDueAsync(connection, transaction, now, lease, ClaimSize, cancellationToken);
        foreach (var row in rows.Where(r => r.Status == TransferStatus.Requested))
        {
            // Sent: the package has left the origin's hands for the relay; from here only the peer's receipt moves it on.
            await TransferStore.MoveAsync(connection, transaction, row.Id, TransferStatus.Sent, null, row.Outbound, lease, now, null, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return rows;
    }

    private async Task StepAsync(TransferRow row, CancellationToken cancellationToken)
    {
        try
        {
            switch (row.Outbound)
            {
                case "package":
                    var body = TransferPackage.ToBody(row.Package, protector.Decrypt(row.IdNumberCipher, TransferCipher.Purpose));
                    await OnReceiptAsync(row, await client.SendAsync(row.Peer, PeerServices.Transfer, body, cancellationToken), cancellationToken);
                    break;
                case "decide":
                    await decisions.AcceptAsync(row.Id, "hub/auto-accept", cancellationToken);
                    break;
                case "decision":
                    var decision = JsonSerializer.SerializeToUtf8Bytes(new JsonObject
                    {
                        ["kind"] = "decision", ["transferId"] = row.Id.ToString(), ["status"] = row.Status, ["reason"] = row.StatusReason,
                    });
                    var reply = await client.SendAsync(row.Peer, PeerServices.Transfer, decision, cancellationToken);
                    await DoneAsync(row, reply.Verified ? null : $"the origin answered {reply.Status}", cancellationToken);
                    break;
            }
        }
        catch (Exception e) when (e is PeerUnavailableException or PeerRefusalException or HttpRequestException)
        {
            logger.LogWarning("Transfer {Transfer} to {Peer}: {Step} deferred: {Reason}", row.Id, row.Peer, row.Outbound, e.Message);
            await TransferStore.DeferAsync(dataSource, row.Id, e.Message, time.GetUtcNow(), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // One transfer's fault (a bug, a database error) defers that transfer, and the others go on.
            logger.LogError(e, "Transfer {Transfer}: {Step} failed and is deferred", row.Id, row.Outbound);
            await TransferStore.DeferAsync(dataSource, row.Id, e.GetType().Name, time.GetUtcNow(), cancellationToken);
        }
    }

    private async Task OnReceiptAsync(TransferRow row, PeerReply reply, CancellationToken cancellationToken)
    {
        if (!reply.Verified)
        {
            // The destination refused the package itself (not the person: that is a rejection it decides and signs).
            var reason = $"refused by {row.Peer}: {reply.Status} {Code(reply.Body)}";
            await decisions.ApplyAsync(row.Id, row.Peer, TransferStatus.Rejected, reason, null, cancellationToken, receivedByPeer: false);
            return;
        }

        var receipt = JsonNode.Parse(reply.Body)!.AsObject();
        var status = (string?)receipt["status"];
        if (status is TransferStatus.Accepted or TransferStatus.Rejected)
        {
            await decisions.ApplyAsync(row.Id, row.Peer, status, (string?)receipt["reason"], reply.MessageId, cancellationToken);
            return;
        }

        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = await TransferStore.LockAsync(connection, transaction, row.Id, cancellationToken);
        if (current is { Status: TransferStatus.Sent or TransferStatus.Requested })
        {
            await TransferStore.MoveAsync(connection, transaction, row.Id, TransferStatus.Received, null, null, null, now, reply.MessageId,
                cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private async Task DoneAsync(TransferRow row, string? error, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE transfer SET outbound = NULL, next_attempt_at = NULL, last_error = @error WHERE transfer_id = @id AND outbound = 'decision'");
        command.Parameters.AddWithValue("id", row.Id);
        command.Parameters.AddWithValue("error", (object?)error ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string? Code(byte[] body)
    {
        try
        {
            return (string?)(JsonNode.Parse(body) as JsonObject)?["code"];
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
