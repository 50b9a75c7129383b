using IntegrationHub.Intake.Parsing;
using IntegrationHub.Intake.Reports;

namespace IntegrationHub.Intake.Exchange;

/// <summary>
/// Takes one inbox file: waits until it is settled and its turn has come, opens it without following links, runs intake, and
/// files it in <c>processed/</c> or <c>failed/</c>, or leaves it for a later attempt.
/// </summary>
/// <remarks>
/// A cause that may pass (database unavailable, the batch busy, the file still changing, an exception no one foresaw) leaves
/// the file in the inbox for a later attempt, at most <see cref="ExchangeOptions.MaxAttempts"/> in all; the last sends it to
/// <c>failed/</c> with the reason. Anything else is final at once.
/// </remarks>
internal sealed class ExchangeFileTaker(
    IntakeService intake,
    ExchangeOptions options,
    IntakeOptions intakeOptions,
    IExchangeStatuses statuses,
    TimeProvider time,
    ILogger logger,
    ExchangeAttempts attempts,
    ExchangeFiling filing)
{
    private int MaxAttempts => Math.Max(1, options.MaxAttempts);

    /// <summary>What became of the file; null when it was not its time (still being written, no manifest yet, or gone).</summary>
    public async Task<ExchangeFileResult?> TakeAsync(FeedFolder folder, string name, CancellationToken cancellationToken)
    {
        switch (folder.Entry(name))
        {
            case null:
                return null;
            case { IsLink: true }:
                // Refused before anything is opened; the link is moved, what it points at is never read nor changed.
                return File(folder, name, ExchangeRefusals.Outcome(InboxOpening.NotRegular), attemptCount: 0, file: null, manifest: null);
            case { } entry when !Settled(entry.Stamp):
                return null;
            case { } entry:
                var hasManifest = folder.Entry(name + ".done") is not null;
                return hasManifest || !options.RequireDoneManifest ? await TakeSettledAsync(folder, name, entry.Stamp, hasManifest, cancellationToken) : null;
        }
    }

    private async Task<ExchangeFileResult?> TakeSettledAsync(FeedFolder folder, string name, FileStamp stamp, bool hasManifest,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var previous = attempts.Read(folder, name, stamp);
        if (previous is not null && previous.Attempts >= MaxAttempts)
        {
            // Every attempt was used and the last never ended: the hub stopped during it, or the file brought it down.
            // Opened only so that its mode can be set through the handle when it is moved; it is not read.
            var opening = folder.Open(name);
            using var spent = opening.File;
            using var spentManifest = hasManifest ? folder.Open(name + ".done").File : null;
            return opening.Refusal == InboxOpening.Gone ? null : GiveUp(folder, name, previous, spent, spentManifest);
        }

        if (previous is not null && now < previous.NextAttemptAt(options.RetryAfter))
        {
            return new ExchangeFileResult(Path.Join(folder.Path, name), "inbox", previous.LastError?.Status ?? 0, previous.LastError?.Code,
                previous.Attempts);
        }

        // Counted before it starts, so an attempt that takes the hub down with it counts too.
        var attempt = new ExchangeAttempt((previous?.Attempts ?? 0) + 1, stamp.Length, stamp.LastWriteUtc, now, LastError: null);
        attempts.Write(folder, name, attempt);
        using var opened = new OpenedFiles();
        IntakeOutcome? outcome;
        try
        {
            outcome = await AttemptAsync(folder, name, stamp, hasManifest, opened, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Its message may quote the file (a parser's, the database's): the log gets the type and where it was thrown.
            logger.LogError("Exchange file {File} failed on attempt {Attempt} of {Max} with {Exception}{StackTrace}",
                Path.Join(folder.Path, name), attempt.Attempts, MaxAttempts, exception.GetType().FullName,
                Environment.NewLine + exception.StackTrace);
            outcome = ExchangeRefusals.Unexpected(exception);
        }

        if (outcome is null)
        {
            attempts.Clear(folder, name);
            return new ExchangeFileResult(Path.Join(folder.Path, name), "gone", 0, null, attempt.Attempts);
        }

        return Conclude(folder, name, outcome, attempt, opened.File, opened.Manifest);
    }

    /// <summary>Opens the file (and its manifest) into <paramref name="opened"/> and runs intake; null when the file is gone.</summary>
    private async Task<IntakeOutcome?> AttemptAsync(FeedFolder folder, string name, FileStamp listed, bool hasManifest, OpenedFiles opened,
        CancellationToken cancellationToken)
    {
        var opening = folder.Open(name);
        if ((opened.File = opening.File) is not { } file)
        {
            return opening.Refusal == InboxOpening.Gone ? null : ExchangeRefusals.Outcome(opening.Refusal!);
        }

        if (file.Stamp != listed)
        {
            return ExchangeRefusals.Changed();
        }

        if (hasManifest)
        {
            var manifestOpening = folder.Open(name + ".done");
            if (manifestOpening.Refusal == InboxOpening.Gone)
            {
                return ExchangeRefusals.Changed();
            }

            if ((opened.Manifest = manifestOpening.File) is not { } manifest)
            {
                return ExchangeRefusals.ManifestNotRegular();
            }

            if (await DoneManifest.CheckAsync(file.Stream, manifest.Stream, cancellationToken) is { } mismatch)
            {
                return mismatch;
            }
        }

        var format = ExchangeNames.Format(name)!.Value;
        // The same bounds as over HTTP: a gzip bomb in the folder is refused, not expanded.
        await using var gzip = name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? BoundedGzipStream.For(file.Stream, intakeOptions)
            : null;
        var submission = new IntakeSubmission(folder.Department, folder.Department, folder.Feed, IntakeChannel.Exchange, format,
            gzip ?? (Stream)file.Stream);
        return await intake.ReceiveAsync(submission, cancellationToken);
    }

    private ExchangeFileResult Conclude(FeedFolder folder, string name, IntakeOutcome outcome, ExchangeAttempt attempt, InboxFile? file,
        InboxFile? manifest)
    {
        if (!ExchangeRefusals.MayPass(outcome))
        {
            return File(folder, name, outcome, attempt.Attempts, file, manifest);
        }

        // The outcome's refusal (MayPass says there is one), as the attempt record and the report keep it.
        var error = ReportedError.Of(outcome.Error!, statuses);
        if (attempt.Attempts >= MaxAttempts)
        {
            return GiveUp(folder, name, attempt with { LastError = error }, file, manifest, outcome);
        }

        attempts.Write(folder, name, attempt with { LastError = error });
        logger.LogWarning("Exchange file {File} left in the inbox after attempt {Attempt} of {Max} ({Code}); next attempt after {Next}",
            Path.Join(folder.Path, name), attempt.Attempts, MaxAttempts, error.Code, attempt.NextAttemptAt(options.RetryAfter));
        return new ExchangeFileResult(Path.Join(folder.Path, name), "inbox", error.Status, error.Code, attempt.Attempts);
    }

    private ExchangeFileResult GiveUp(FeedFolder folder, string name, ExchangeAttempt attempt, InboxFile? file, InboxFile? manifest = null,
        IntakeOutcome? lastOutcome = null)
    {
        var last = attempt.LastError ?? ReportedError.Of(ExchangeRefusals.Interrupted(), statuses);
        return File(folder, name, ExchangeRefusals.GaveUp(last, attempt.Attempts), lastOutcome?.Report, attempt.Attempts, file, manifest);
    }

    private ExchangeFileResult File(FeedFolder folder, string name, IntakeOutcome outcome, int attemptCount, InboxFile? file,
        InboxFile? manifest) =>
        File(folder, name, outcome.Error is { } error ? ReportedError.Of(error, statuses) : null, outcome.Report, attemptCount, file,
            manifest);

    /// <summary>Files a batch taken (no error, a report) in <c>processed/</c>, anything else in <c>failed/</c>.</summary>
    private ExchangeFileResult File(FeedFolder folder, string name, ReportedError? error, BatchReport? batchReport, int attemptCount,
        InboxFile? file, InboxFile? manifest)
    {
        var processed = error is null && batchReport is not null;
        var disposition = processed ? "processed" : "failed";
        var report = processed ? batchReport! : (object)new ExchangeFailureReport(error, batchReport, attemptCount);
        var target = filing.File(folder, name, disposition, report, file, manifest);
        attempts.Clear(folder, name);
        var status = error?.Status ?? statuses.Taken;
        logger.LogInformation("Exchange file {File} {Disposition} ({Status} {Code}) after {Attempts} attempts", Path.Join(folder.Path, name),
            disposition, status, error?.Code, attemptCount);
        return new ExchangeFileResult(target, disposition, status, error?.Code, attemptCount);
    }

    /// <summary>What an attempt opened, kept open until the file is filed (its mode is set through the handle), whatever happened.</summary>
    private sealed class OpenedFiles : IDisposable
    {
        public InboxFile? File { get; set; }

        public InboxFile? Manifest { get; set; }

        public void Dispose()
        {
            File?.Dispose();
            Manifest?.Dispose();
        }
    }

    private bool Settled(FileStamp stamp) =>
        time.GetUtcNow() - new DateTimeOffset(DateTime.SpecifyKind(stamp.LastWriteUtc, DateTimeKind.Utc)) >= options.StableFor;
}
