using IntegrationHub.Intake.Feeds;
using IntegrationHub.Intake.Parsing;
using IntegrationHub.Intake.Reports;
using IntegrationHub.Intake.Storage;
using IntegrationHub.Intake.Validation;

namespace IntegrationHub.Intake;

/// <summary>Storing a batch: in its session, chunk by chunk, resumed where an earlier request left off, and completed.</summary>
public sealed partial class IntakeService
{
    private const int ParallelFrom = 256;

    /// <summary>Most problems a report lists; its counts cover every record.</summary>
    private const int MaxReportedRecords = 10_000;

    /// <param name="finish">Reads what is left of the body and returns the batch's fingerprint (see <see cref="FingerprintedLines"/>).</param>
    private async Task<IntakeOutcome> StoreAsync(BatchHeader header, FeedDefinition feed, IAsyncEnumerable<PendingRecord> records,
        Func<CancellationToken, Task<byte[]>> finish, CancellationToken cancellationToken)
    {
        await using var session = await BatchSession.TryOpenAsync(dataSource, header, time, cancellationToken);
        if (session is null)
        {
            return IntakeOutcome.Refused(RefusalKind.Busy, "batch-in-progress",
                $"Batch '{header.BatchId}' is being received by another request right now. Ask for its report later.");
        }

        if (session.Stored is { Complete: true } complete)
        {
            return await ReplayAsync(header, complete, finish, cancellationToken);
        }

        var resumeThrough = ResumeOrCreate(session, header);
        var schema = feed.Versions[header.SchemaVersion];
        var (last, tooMany) = await WriteChunksAsync(session, schema, records, resumeThrough, cancellationToken);
        var contentHash = await finish(cancellationToken);
        var completion = await session.CompleteAsync(last, contentHash, MaxReportedRecords, audit, listeners, cancellationToken);
        return Answer(header, completion, tooMany);
    }

    /// <summary>The answer to a batch sent again once complete: its stored report, when the content is what it was.</summary>
    private static async Task<IntakeOutcome> ReplayAsync(BatchHeader header, StoredBatch complete,
        Func<CancellationToken, Task<byte[]>> finish, CancellationToken cancellationToken)
    {
        var hash = await finish(cancellationToken);
        if (!hash.AsSpan().SequenceEqual(complete.ContentHash))
        {
            return IntakeOutcome.Refused(RefusalKind.Conflict, "batch-conflict",
                $"Batch '{header.BatchId}' was already received with different content. A new batch needs a new batchId.");
        }

        return IntakeOutcome.Done(JsonSerializer.Deserialize<BatchReport>(complete.ReportJson!)!);
    }

    /// <summary>The last line an earlier request stored of this batch, to go on after; a batch never seen is created (0).</summary>
    private int ResumeOrCreate(BatchSession session, BatchHeader header)
    {
        if (session.Stored is not { } stored)
        {
            session.Create();
            return 0;
        }

        if (stored.Feed != header.Feed || stored.SchemaVersion != header.SchemaVersion || stored.Region != header.Region
            || stored.ExtractedAt != header.ExtractedAt || stored.Format != header.FormatName)
        {
            throw new BatchConflictException(
                $"Batch '{header.BatchId}' was started earlier with a different envelope (feed, schemaVersion, region, extractedAt or format).");
        }

        logger.LogInformation("Resuming batch {Department}/{BatchId} after line {Line}", header.Department, header.BatchId,
            stored.LastLine);
        return stored.LastLine;
    }

    /// <summary>
    /// Validates the records and writes them chunk by chunk, a chunk's write overlapping the next one's validation. The last
    /// chunk is returned validated but not written: the transaction that completes the batch writes it, so a batch of one
    /// chunk is one transaction. Records over the per-batch limit are not read; <c>TooMany</c> says there were some.
    /// </summary>
    private async Task<(ProcessedRecord[]? Last, bool TooMany)> WriteChunksAsync(BatchSession session, SchemaValidator schema,
        IAsyncEnumerable<PendingRecord> records, int resumeThrough, CancellationToken cancellationToken)
    {
        var today = calendar.Today;
        var chunkSize = options.Value.ChunkSize;
        var pending = new List<PendingRecord>(chunkSize);
        var write = Task.CompletedTask;
        var count = 0;
        var tooMany = false;
        var meter = new RejectionMeter(options.Value.RejectionStopShare, options.Value.RejectionStopAfter, session.Stored is not null);
        ProcessedRecord[]? last;
        try
        {
            await foreach (var record in records)
            {
                if (++count > options.Value.MaxRecordsPerBatch)
                {
                    tooMany = true;
                    break;
                }

                pending.Add(record);
                if (pending.Count == chunkSize)
                {
                    write = await FlushAsync(session, schema, pending, resumeThrough, today, write, meter, cancellationToken);
                    pending = new List<PendingRecord>(chunkSize);
                }
            }

            last = pending.Count == 0 ? null : await ProcessAsync(schema, pending, resumeThrough, today, write, session, meter, cancellationToken);
            await write;
        }
        catch when (!write.IsCompleted)
        {
            // The body broke off (or a chunk failed) while a chunk was being written: let that write finish or fail before
            // the session closes its connection. What it committed stays; a re-send resumes after it.
            await write.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            throw;
        }

        return (last, tooMany);
    }

    /// <summary>The report of the completed batch, or, when records were left unread over the limit, that refusal with it.</summary>
    private IntakeOutcome Answer(BatchHeader header, BatchCompletion completion, bool tooMany)
    {
        if (completion.ArrivalFailure is { } failure)
        {
            logger.LogWarning(failure, "The arrival work of batch {Department}/{BatchId} failed and was rolled back; the batch is stored, "
                + "and the timers will do their work", header.Department, header.BatchId);
        }

        if (tooMany)
        {
            return new IntakeOutcome(completion.Report, new IntakeError(RefusalKind.TooLarge, "too-many-records",
                $"A batch may hold at most {options.Value.MaxRecordsPerBatch} records. The first {options.Value.MaxRecordsPerBatch} were " +
                "taken (see the report); send the rest as another batch."));
        }

        return IntakeOutcome.Done(completion.Report) with { ArrivalDone = completion.ArrivalDone };
    }

    /// <summary>
    /// Validates a chunk, waits for the previous chunk's write, and starts this one's, so parsing and storing overlap.
    /// </summary>
    private async Task<Task> FlushAsync(BatchSession session, SchemaValidator schema, List<PendingRecord> pending, int resumeThrough,
        DateOnly today, Task previousWrite, RejectionMeter meter, CancellationToken cancellationToken)
    {
        if (pending.Count == 0)
        {
            return previousWrite;
        }

        return await ProcessAsync(schema, pending, resumeThrough, today, previousWrite, session, meter, cancellationToken) is { } processed
            ? session.WriteChunkAsync(processed, cancellationToken)
            : Task.CompletedTask;
    }

    /// <summary>
    /// Validates a chunk (on all cores when it is large) and waits for the previous chunk's write; null when every record
    /// of it was stored by an earlier attempt.
    /// </summary>
    private async Task<ProcessedRecord[]?> ProcessAsync(SchemaValidator schema, List<PendingRecord> pending, int resumeThrough,
        DateOnly today, Task previousWrite, BatchSession session, RejectionMeter meter, CancellationToken cancellationToken)
    {
        var fresh = pending;
        if (pending[0].Line <= resumeThrough)
        {
            fresh = await NotYetStoredAsync(pending, resumeThrough, previousWrite, session, cancellationToken);
            if (fresh.Count == 0)
            {
                return null;
            }
        }

        var processed = new ProcessedRecord[fresh.Count];
        try
        {
            if (fresh.Count < ParallelFrom)
            {
                // Parallel.For blocks this thread and borrows pool threads: for a few records, with hundreds of small
                // batches arriving at once, that starves the thread pool that every request's continuations wait for.
                for (var i = 0; i < fresh.Count; i++)
                {
                    processed[i] = processor.Process(schema, fresh[i].Raw, fresh[i].Line, fresh[i].Pointer, today);
                }
            }
            else
            {
                Parallel.For(0, fresh.Count, new ParallelOptions { CancellationToken = cancellationToken },
                    i => processed[i] = processor.Process(schema, fresh[i].Raw, fresh[i].Line, fresh[i].Pointer, today));
            }
        }
        catch when (!previousWrite.IsCompleted)
        {
            // Never leave a write running on the session's connection while the session is being torn down.
            await previousWrite.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            throw;
        }

        await previousWrite;
        // Judged before the chunk is written, and with no write left running: a stop leaves what was stored as it was.
        meter.Add(processed, session.HasStored);
        return processed;
    }

    /// <summary>
    /// The records of a chunk after the lines an earlier attempt stored; those are checked against their fingerprints, not
    /// stored again, and one that differs is a conflict.
    /// </summary>
    private static async Task<List<PendingRecord>> NotYetStoredAsync(List<PendingRecord> pending, int resumeThrough, Task previousWrite,
        BatchSession session, CancellationToken cancellationToken)
    {
        await previousWrite;
        var stored = await session.LineHashesAsync(pending[0].Line, Math.Min(pending[^1].Line, resumeThrough), cancellationToken);
        foreach (var record in pending.Where(r => r.Line <= resumeThrough))
        {
            if (!stored.TryGetValue(record.Line, out var hash) || !hash.AsSpan().SequenceEqual(SHA256.HashData(record.Raw)))
            {
                throw new BatchConflictException(
                    $"Position {record.Line} differs from what was stored for this batchId earlier. A new batch needs a new batchId.");
            }
        }

        return pending.Where(r => r.Line > resumeThrough).ToList();
    }
}
