using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IntegrationHub.Intake.Feeds;
using IntegrationHub.Intake.Parsing;
using IntegrationHub.Intake.Published;
using IntegrationHub.Intake.Reports;
using IntegrationHub.Intake.Rules;
using IntegrationHub.Intake.Storage;
using IntegrationHub.Intake.Validation;
using IntegrationHub.Platform.Audit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.Intake;

/// <summary>
/// The one entry point of intake, shared by HTTP, the exchange folder and the queue: reads a batch, validates every
/// record, stores chunk by chunk and answers with the batch report. A batch cut off part-way (a crash, a dropped
/// connection) is resumed by sending it again; a complete one sent again changes nothing.
/// </summary>
public sealed class IntakeService(
    FeedCatalogProvider catalogs,
    RecordProcessor processor,
    NpgsqlDataSource dataSource,
    AuditLog audit,
    IEnumerable<IArrivalListener> arrivalListeners,
    TimeProvider time,
    IOptions<IntakeOptions> options,
    ILogger<IntakeService> logger)
{
    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    private const int ParallelFrom = 256;

    private readonly IArrivalListener[] listeners = arrivalListeners.ToArray();

    /// <summary>Takes a batch; a small one is linked before this returns, whichever channel it came by (see <see cref="IArrivalListener"/>).</summary>
    public async Task<IntakeOutcome> ReceiveAsync(IntakeSubmission submission, CancellationToken cancellationToken)
    {
        var outcome = await StoreSubmissionAsync(submission, cancellationToken);
        await AnnounceCommittedAsync(outcome, cancellationToken);
        return outcome;
    }

    /// <summary>
    /// Announces a small batch the listeners did not take in the transaction that stored it (resumed, replayed, or their work
    /// failed), now that it is committed and its lock released. Their failure changes nothing of the answer: it is logged.
    /// </summary>
    private async Task AnnounceCommittedAsync(IntakeOutcome outcome, CancellationToken cancellationToken)
    {
        if (outcome is not { Error: null, Report: { Received: > 0 } report, ArrivalDone: false })
        {
            return;
        }

        var batch = new CommittedBatch(report.Department, report.BatchId, report.Feed, report.Received);
        foreach (var listener in listeners.Where(l => l.Takes(report.Received)))
        {
            try
            {
                await listener.OnStoredAsync(batch, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Only the type: an exception's message may quote a record.
                logger.LogWarning("The arrival work of batch {Department}/{BatchId} failed after it was stored ({Exception}); "
                    + "the timers will do it", report.Department, report.BatchId, exception.GetType().FullName);
            }
        }
    }

    private async Task<IntakeOutcome> StoreSubmissionAsync(IntakeSubmission submission, CancellationToken cancellationToken)
    {
        var catalog = await catalogs.GetAsync(cancellationToken);
        if (!catalog.TryGet(submission.Department, submission.Feed, out var feed))
        {
            var known = string.Join(", ", catalog.Feeds.Where(f => f.Department == submission.Department).Select(f => f.Feed).Order());
            return IntakeOutcome.Refused(RefusalKind.UnknownFeed, "unknown-feed", catalog.IsDepartment(submission.Department)
                ? $"Department '{submission.Department}' has no feed '{submission.Feed}'. Its feeds: {known}."
                : $"There is no department '{submission.Department}'. Departments: hr, edu, ps, ca, tax.");
        }

        await using var body = new HashingStream(submission.Body, options.Value.MaxBatchBytes);
        try
        {
            return submission.Format == BatchFormat.Json
                ? await ReceiveJsonAsync(submission, catalog, feed, body, cancellationToken)
                : await ReceiveNdjsonAsync(submission, catalog, feed, body, cancellationToken);
        }
        catch (BatchConflictException conflict)
        {
            return IntakeOutcome.Refused(RefusalKind.Conflict, "batch-conflict", conflict.Message);
        }
        catch (BodyLimitException limit)
        {
            return IntakeOutcome.Refused(RefusalKind.TooLarge, limit.Code, $"{limit.Message} Records stored before this point are kept.");
        }
        catch (TooManyRejectionsException stop)
        {
            return IntakeOutcome.Refused(RefusalKind.TooManyRejections, "too-many-rejections", stop.Message, stop.Summary);
        }
        catch (InvalidDataException invalid)
        {
            return IntakeOutcome.Refused(RefusalKind.Invalid, "unreadable-body", $"{invalid.Message} Records stored before this point are kept; " +
                "send the batch again, corrected, under the same batchId to complete it.");
        }
        catch (NpgsqlException exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A server error's context can quote the statement's data (a record's text): only its SQLSTATE is logged.
            if (exception is PostgresException postgres)
            {
                logger.LogError("Storage failed while receiving {Department}/{Feed}: SQLSTATE {SqlState}", submission.Department, submission.Feed,
                    postgres.SqlState);
            }
            else
            {
                logger.LogError(exception, "Storage failed while receiving {Department}/{Feed}", submission.Department, submission.Feed);
            }

            return IntakeOutcome.Refused(RefusalKind.Unavailable, "storage-unavailable",
                "The database is unavailable. Records stored so far are kept; send the same batch again to complete it.");
        }
    }

    private async Task<IntakeOutcome> ReceiveJsonAsync(IntakeSubmission submission, FeedCatalog catalog, FeedDefinition feed,
        HashingStream body, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxJsonBodyBytes;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return IntakeOutcome.Refused(RefusalKind.TooLarge, "body-too-large",
                    $"An application/json batch may be at most {limit} bytes. Send larger batches as application/x-ndjson, which is streamed.");
            }

            buffer.Write(chunk, 0, read);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
        }
        catch (JsonException exception)
        {
            return IntakeOutcome.Refused(RefusalKind.Invalid, "json", $"The body is not JSON: {exception.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (CheckEnvelope(catalog.Envelope, feed, root, "") is { } failure)
            {
                return failure;
            }

            var records = root.GetProperty("records");
            if (records.GetArrayLength() > options.Value.MaxRecordsPerBatch)
            {
                return IntakeOutcome.Refused(RefusalKind.TooLarge, "too-many-records",
                    $"A batch may hold at most {options.Value.MaxRecordsPerBatch} records; this one holds {records.GetArrayLength()}. Split it.");
            }

            var header = Header(submission, feed, BatchEnvelope.From(root));
            return await StoreAsync(header, feed, JsonRecords(records), body.FinishAsync, cancellationToken);
        }
    }

    private async Task<IntakeOutcome> ReceiveNdjsonAsync(IntakeSubmission submission, FeedCatalog catalog, FeedDefinition feed,
        HashingStream body, CancellationToken cancellationToken)
    {
        await using var lines = new FingerprintedLines(LineReader.ReadAsync(body, cancellationToken).GetAsyncEnumerator(cancellationToken));
        if (!await lines.MoveNextAsync())
        {
            return IntakeOutcome.Refused(RefusalKind.Invalid, "envelope-invalid", "The body is empty: the first line must be the batch envelope.");
        }

        JsonDocument envelope;
        try
        {
            envelope = JsonDocument.Parse(StripBom(lines.Current.Bytes));
        }
        catch (JsonException exception)
        {
            return IntakeOutcome.Refused(RefusalKind.Invalid, "envelope-invalid", $"Line {lines.Current.Number} (the envelope) is not JSON: {exception.Message}");
        }

        using (envelope)
        {
            if (CheckEnvelope(catalog.EnvelopeLine, feed, envelope.RootElement, "") is { } failure)
            {
                return failure;
            }

            var header = Header(submission, feed, BatchEnvelope.From(envelope.RootElement));
            return await StoreAsync(header, feed, NdjsonRecords(lines, cancellationToken), async ct =>
            {
                var fingerprint = await lines.FinishAsync();
                await body.FinishAsync(ct);
                return fingerprint;
            }, cancellationToken);
        }
    }

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

        var stored = session.Stored;
        if (stored is { Complete: true })
        {
            var hash = await finish(cancellationToken);
            if (!hash.AsSpan().SequenceEqual(stored.ContentHash))
            {
                return IntakeOutcome.Refused(RefusalKind.Conflict, "batch-conflict",
                    $"Batch '{header.BatchId}' was already received with different content. A new batch needs a new batchId.");
            }

            return IntakeOutcome.Done(JsonSerializer.Deserialize<BatchReport>(stored.ReportJson!)!);
        }

        var resumeThrough = 0;
        if (stored is not null)
        {
            if (stored.Feed != header.Feed || stored.SchemaVersion != header.SchemaVersion || stored.Region != header.Region
                || stored.ExtractedAt != header.ExtractedAt || stored.Format != header.FormatName)
            {
                throw new BatchConflictException(
                    $"Batch '{header.BatchId}' was started earlier with a different envelope (feed, schemaVersion, region, extractedAt or format).");
            }

            resumeThrough = stored.LastLine;
            logger.LogInformation("Resuming batch {Department}/{BatchId} after line {Line}", header.Department, header.BatchId, resumeThrough);
        }
        else
        {
            session.Create();
        }

        var schema = feed.Versions[header.SchemaVersion];
        var today = DateOnly.FromDateTime(time.GetUtcNow().ToOffset(ChinaStandardTime).DateTime);
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

            // The last chunk is written in the transaction that completes the batch: a batch of one chunk is one transaction.
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
        var contentHash = await finish(cancellationToken);
        var completion = await session.CompleteAsync(last, contentHash, 10_000, audit, listeners, cancellationToken);
        var report = completion.Report;
        if (completion.ArrivalFailure is { } failure)
        {
            logger.LogWarning(failure, "The arrival work of batch {Department}/{BatchId} failed and was rolled back; the batch is stored, "
                + "and the timers will do their work", header.Department, header.BatchId);
        }

        if (tooMany)
        {
            return new IntakeOutcome(report, new IntakeError(RefusalKind.TooLarge, "too-many-records",
                $"A batch may hold at most {options.Value.MaxRecordsPerBatch} records. The first {options.Value.MaxRecordsPerBatch} were " +
                "taken (see the report); send the rest as another batch."));
        }

        return IntakeOutcome.Done(report) with { ArrivalDone = completion.ArrivalDone };
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
    /// of it was stored by an earlier attempt. Those are checked against their fingerprints, not stored again.
    /// </summary>
    private async Task<ProcessedRecord[]?> ProcessAsync(SchemaValidator schema, List<PendingRecord> pending, int resumeThrough,
        DateOnly today, Task previousWrite, BatchSession session, RejectionMeter meter, CancellationToken cancellationToken)
    {
        var fresh = pending;
        if (pending[0].Line <= resumeThrough)
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

            fresh = pending.Where(r => r.Line > resumeThrough).ToList();
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

    private static IntakeOutcome? CheckEnvelope(SchemaValidator envelopeSchema, FeedDefinition feed, JsonElement envelope, string pointer)
    {
        if (envelope.ValueKind != JsonValueKind.Object)
        {
            return IntakeOutcome.Refused(RefusalKind.Invalid, "envelope-invalid", "The batch envelope must be a JSON object.");
        }

        if (envelope.TryGetProperty("schemaVersion", out var version) && version.ValueKind == JsonValueKind.String
            && !feed.Versions.ContainsKey(version.GetString()!))
        {
            return IntakeOutcome.Refused(RefusalKind.Invalid, "schema-version",
                $"schemaVersion '{version.GetString()}' is not served for {feed.Department}/{feed.Feed}. Supported: {feed.SupportedVersions}.",
                [new FieldError(pointer + "/schemaVersion", "schema-version", $"supported versions: {feed.SupportedVersions}")]);
        }

        // Records are judged one by one; only the envelope's own fields can refuse the whole batch.
        var errors = new List<FieldError>();
        TextGuard.CheckAll(envelope, pointer, errors, skip: "records");
        if (errors.Count > 0)
        {
            return IntakeOutcome.Refused(RefusalKind.Invalid, "envelope-invalid", "The batch envelope holds text no field may hold; nothing was stored.", errors);
        }

        envelopeSchema.Validate(envelope, pointer, errors);
        errors.RemoveAll(e => e.Path.StartsWith(pointer + "/records/", StringComparison.Ordinal));
        if (errors.Count == 0 && envelope.GetProperty("batchId").GetString() is { } batchId && IdentityNumber.AppearsIn(batchId))
        {
            // A batchId is echoed in replies, URLs and the audit log: it must never carry personal data.
            errors.Add(new FieldError(pointer + "/batchId", "personal-data",
                "a batchId must not hold an identity number; use the extract's date and a sequence number"));
        }

        return errors.Count == 0 ? null : IntakeOutcome.Refused(RefusalKind.Invalid, "envelope-invalid", "The batch envelope is not valid; nothing was stored.", errors);
    }

    private static BatchHeader Header(IntakeSubmission submission, FeedDefinition feed, BatchEnvelope envelope) => new(
        feed.Department, envelope.BatchId, feed.Feed, envelope.SchemaVersion, envelope.Region, envelope.ExtractedAt,
        submission.Format, submission.Channel, submission.Actor);

    private static async IAsyncEnumerable<PendingRecord> JsonRecords(JsonElement records)
    {
        var index = 0;
        foreach (var record in records.EnumerateArray())
        {
            // Positions are 1-based, as NDJSON lines are; the pointer keeps the 0-based array index. The bytes are taken as
            // sent: GetRawText would throw on a record holding bytes that are not UTF-8, which must be rejected, not fail the batch.
            yield return new PendingRecord(index + 1, $"/records/{index}", JsonMarshal.GetRawUtf8Value(record).ToArray());
            index++;
        }

        await Task.CompletedTask;
    }

    private static async IAsyncEnumerable<PendingRecord> NdjsonRecords(FingerprintedLines lines,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await lines.MoveNextAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new PendingRecord(lines.Current.Number, "", lines.Current.Bytes);
        }
    }

    private static byte[] StripBom(byte[] line) =>
        line.Length >= 3 && line[0] == 0xEF && line[1] == 0xBB && line[2] == 0xBF ? line[3..] : line;
}
