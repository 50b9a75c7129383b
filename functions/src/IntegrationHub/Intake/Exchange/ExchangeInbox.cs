namespace IntegrationHub.Intake.Exchange;

/// <summary>
/// The scheduled exchange: takes the files departments drop in <c>inbox/{department}/{feed}/</c> through exactly the
/// intake HTTP uses, then moves each to <c>processed/</c> or <c>failed/</c> with its report beside it.
/// </summary>
/// <remarks>
/// A file the hub could not finish for a cause that may pass (database down, batch busy) stays in the inbox and is taken
/// again, and intake resumes it, up to <see cref="ExchangeOptions.MaxAttempts"/> times. Each file is taken on its own: whatever
/// one does, the scan goes on with the next, of every department. Only regular files inside the inbox are read, never through
/// a link (<see cref="FeedFolder"/>); the departments' convention is in <c>docs/exchange-folder.md</c>.
/// </remarks>
public sealed class ExchangeInbox(IntakeService intake, IOptions<ExchangeOptions> options, IOptions<IntakeOptions> intakeOptions,
    IExchangeStatuses statuses, TimeProvider time, ILogger<ExchangeInbox> logger)
{
    public async Task<IReadOnlyList<ExchangeFileResult>> ScanAsync(CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(options.Value.Root);
        var inbox = Path.Combine(root, "inbox");
        var results = new List<ExchangeFileResult>();
        if (!Directory.Exists(inbox))
        {
            return results;
        }

        var realInbox = FeedFolder.RealInbox(inbox);
        var taker = new ExchangeFileTaker(intake, options.Value, intakeOptions.Value, statuses, time, logger,
            new ExchangeAttempts(Path.Combine(root, "attempts")),
            new ExchangeFiling(root, time, logger));
        foreach (var (department, feed) in FeedFolders(inbox, results))
        {
            using var folder = FeedFolder.OpenFolder(inbox, realInbox, department, feed);
            if (folder is null)
            {
                logger.LogWarning("Exchange folder {Department}/{Feed} was replaced or removed during the scan; not entered", department, feed);
                continue;
            }

            foreach (var name in Names(folder))
            {
                if (ExchangeNames.Format(name) is not null && await TakeAsync(taker, folder, name, cancellationToken) is { } result)
                {
                    results.Add(result);
                }
            }
        }

        return results;
    }

    /// <summary>Takes one file; nothing it does stops the scan but cancellation.</summary>
    private async Task<ExchangeFileResult?> TakeAsync(ExchangeFileTaker taker, FeedFolder folder, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await taker.TakeAsync(folder, name, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Outside an attempt (its count, its report, its move): the file stays, and the next scan tries again.
            logger.LogError("Exchange file {File} could not be handled: {Exception}{StackTrace}", Path.Join(folder.Path, name),
                exception.GetType().FullName, Environment.NewLine + exception.StackTrace);
            return new ExchangeFileResult(Path.Join(folder.Path, name), "inbox", statuses.Of(RefusalKind.Failed), "exchange-error");
        }
    }

    /// <summary>Every real <c>{department}/{feed}</c> folder of the inbox; a link in their place is reported, not entered.</summary>
    private List<(string Department, string Feed)> FeedFolders(string inbox, List<ExchangeFileResult> results)
    {
        var folders = new List<(string, string)>();
        foreach (var department in Subfolders(new DirectoryInfo(inbox), results))
        {
            folders.AddRange(Subfolders(department, results).Select(feed => (department.Name, feed.Name)));
        }

        return folders;
    }

    private IEnumerable<DirectoryInfo> Subfolders(DirectoryInfo folder, List<ExchangeFileResult> results)
    {
        List<DirectoryInfo> subfolders;
        try
        {
            subfolders = folder.EnumerateDirectories().OrderBy(d => d.Name, StringComparer.Ordinal).ToList();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            logger.LogError("Exchange folder {Folder} cannot be listed: {Exception}", folder.FullName, exception.GetType().FullName);
            return [];
        }

        foreach (var link in subfolders.Where(d => d.LinkTarget is not null))
        {
            logger.LogWarning("Exchange folder {Folder} is a symbolic link; the hub enters only real folders of the inbox", link.FullName);
            results.Add(new ExchangeFileResult(link.FullName, "inbox", statuses.Of(RefusalKind.Invalid), "not-a-directory"));
        }

        return subfolders.Where(d => d.LinkTarget is null);
    }

    private IReadOnlyList<string> Names(FeedFolder folder)
    {
        try
        {
            return folder.Names();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            logger.LogError("Exchange folder {Folder} cannot be listed: {Exception}", folder.Path, exception.GetType().FullName);
            return [];
        }
    }
}
