using IntegrationHub.Intake.Published;
using IntegrationHub.Intake.Validation;

namespace IntegrationHub.Intake.Storage;

/// <summary>Completing a batch: its last chunk, report, completion and audit in one transaction, and its arrival announced.</summary>
internal sealed partial class BatchSession
{
    /// <summary>
    /// Stores the last chunk (when there is one left), builds the report, marks the batch complete and audits it, in one
    /// transaction. A new batch stored whole in it is announced there to the arrival listeners that take it, under a savepoint.
    /// </summary>
    public async Task<BatchCompletion> CompleteAsync(IReadOnlyList<ProcessedRecord>? lastChunk, byte[] contentHash, int maxReportedRecords,
        AuditLog audit, IReadOnlyList<IArrivalListener> listeners, CancellationToken cancellationToken)
    {
        // Still creating: no chunk was written before this one, so the whole batch is in this transaction.
        var whole = creating && lastChunk is { Count: > 0 };
        var taking = whole ? listeners.Where(l => l.Takes(lastChunk!.Count)).ToList() : [];
        var arrival = (Done: false, Failure: (Exception?)null);
        List<WrittenLine>? outcomes = null;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (lastChunk is { Count: > 0 })
        {
            outcomes = await WriteRowsAsync(lastChunk, transaction, completing: true, taking.Count > 0 ? ArrivalSavepoint : null,
                cancellationToken);
            if (taking.Count > 0)
            {
                arrival = await ArriveAsync(taking, outcomes, transaction, cancellationToken);
            }
        }

        // A batch stored whole here is reported from what was just written; one stored over several requests or chunks, from
        // what the database holds of it.
        var report = whole
            ? ReportFrom(outcomes!, maxReportedRecords)
            : await BuildReportAsync(maxReportedRecords, transaction, cancellationToken);
        var detail = JsonSerializer.Serialize(new
        {
            feed = header.Feed,
            channel = header.ChannelName,
            received = report.Received,
            accepted = report.Accepted,
            rejected = report.Rejected,
            unchanged = report.Unchanged,
        });
        await using (var finish = new NpgsqlBatch(connection, transaction))
        {
            var update = new NpgsqlBatchCommand("""
                UPDATE intake_batch SET completed_at = @now, content_hash = @hash, report = @report::jsonb
                WHERE department = @d AND batch_id = @b
                """);
            AddKey(update.Parameters);
            update.Parameters.AddWithValue("now", report.CompletedAt);
            update.Parameters.AddWithValue("hash", contentHash);
            update.Parameters.AddWithValue("report", JsonSerializer.Serialize(report));
            finish.BatchCommands.Add(update);
            finish.BatchCommands.Add(audit.Command(
                new AuditEntry(header.SubmittedBy, "feed.submit", "intake", $"{header.Department}/{header.BatchId}", detail)));
            await finish.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new BatchCompletion(report, arrival.Done, arrival.Failure);
    }

    private const string ArrivalSavepoint = "arrival";

    /// <summary>
    /// Announces the batch to the listeners; if one fails, whatever they did is rolled back to the savepoint and the batch
    /// completes without them. Intake never depends on them: the failure is returned, not thrown.
    /// </summary>
    private async Task<(bool Done, Exception? Failure)> ArriveAsync(List<IArrivalListener> listeners, List<WrittenLine> outcomes,
        NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        try
        {
            var batch = new ArrivedBatch(header.Department, header.BatchId, header.Feed, outcomes[^1].Record.Line,
                outcomes.Where(o => o.IsAccepted).Select(Published).ToList());
            foreach (var listener in listeners)
            {
                await listener.OnStoringAsync(batch, connection, transaction, cancellationToken);
            }

            return (true, null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await transaction.RollbackAsync(ArrivalSavepoint, cancellationToken);
            return (false, exception);
        }
    }

    /// <summary>An accepted line's record as intake publishes it.</summary>
    private StoredRecord Published(WrittenLine line) => new(header.Department, header.Feed, line.Record.RecordId!, line.Version!.Value,
        JsonNode.Parse(line.Record.Payload)!.AsObject(), line.Record.IdNumberIndex, line.Record.IdNumberCipher,
        line.Record.IdNumberValid ?? false);
}
