using IntegrationHub.Intake.Feeds;
using IntegrationHub.Intake.Parsing;
using IntegrationHub.Intake.Published;
using IntegrationHub.Intake.Validation;

namespace IntegrationHub.Intake;

/// <summary>The one entry point of intake, shared by HTTP, the exchange folder and the queue.</summary>
/// <remarks>
/// It reads a batch (<c>IntakeService.Reading.cs</c>), validates every record, stores chunk by chunk
/// (<c>IntakeService.Storing.cs</c>), announces the batch to its listeners and answers with the batch report. A batch cut off
/// part-way (a crash, a dropped connection) is resumed by sending it again; a complete one sent again changes nothing.
/// </remarks>
public sealed partial class IntakeService(
    FeedCatalogProvider catalogs,
    RecordProcessor processor,
    NpgsqlDataSource dataSource,
    AuditLog audit,
    IEnumerable<IArrivalListener> arrivalListeners,
    TimeProvider time,
    HubCalendar calendar,
    IOptions<IntakeOptions> options,
    ILogger<IntakeService> logger)
{
    private readonly IArrivalListener[] listeners = arrivalListeners.ToArray();

    /// <summary>Takes a batch; a small one is linked before this returns, by any channel (see <see cref="IArrivalListener"/>).</summary>
    public async Task<IntakeOutcome> ReceiveAsync(IntakeSubmission submission, CancellationToken cancellationToken)
    {
        var outcome = await TakeAsync(submission, cancellationToken);
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

    /// <summary>Finds the feed, reads the body and stores its records; whatever stops it on the way becomes a refusal.</summary>
    private async Task<IntakeOutcome> TakeAsync(IntakeSubmission submission, CancellationToken cancellationToken)
    {
        var catalog = await catalogs.GetAsync(cancellationToken);
        if (!catalog.TryGet(submission.Department, submission.Feed, out var feed))
        {
            var known = string.Join(", ", catalog.Feeds.Where(f => f.Department == submission.Department).Select(f => f.Feed).Order());
            return IntakeOutcome.Refused(RefusalKind.UnknownFeed, "unknown-feed", catalog.IsDepartment(submission.Department)
                ? $"Department '{submission.Department}' has no feed '{submission.Feed}'. Its feeds: {known}."
                : $"There is no department '{submission.Department}'. Departments: {Departments.Listed}.");
        }

        await using var body = new HashingStream(submission.Body, options.Value.MaxBatchBytes,
            hashBytes: submission.Format == BatchFormat.Json);
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
            return IntakeOutcome.Refused(RefusalKind.Invalid, "unreadable-body",
                $"{invalid.Message} Records stored before this point are kept; " +
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
}
