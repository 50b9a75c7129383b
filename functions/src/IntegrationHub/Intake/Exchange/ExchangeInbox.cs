using System.IO.Compression;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Intake.Exchange;

/// <summary>
/// The scheduled exchange: takes the files departments drop in <c>inbox/{department}/{feed}/</c> through exactly the
/// intake HTTP uses, then moves each to <c>processed/</c> or <c>failed/</c> with its report beside it. A file the hub
/// could not finish (database down, batch busy, a crash) stays in the inbox and is taken again: intake resumes it.
/// </summary>
public sealed class ExchangeInbox(IntakeService intake, IOptions<ExchangeOptions> options, TimeProvider time, ILogger<ExchangeInbox> logger)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public async Task<IReadOnlyList<ExchangeFileResult>> ScanAsync(CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(options.Value.Root);
        var inbox = Path.Combine(root, "inbox");
        var results = new List<ExchangeFileResult>();
        if (!Directory.Exists(inbox))
        {
            return results;
        }

        foreach (var departmentDirectory in Directory.EnumerateDirectories(inbox).Order(StringComparer.Ordinal))
        {
            foreach (var feedDirectory in Directory.EnumerateDirectories(departmentDirectory).Order(StringComparer.Ordinal))
            {
                foreach (var file in Directory.EnumerateFiles(feedDirectory).Order(StringComparer.Ordinal))
                {
                    if (Format(file) is not { } format || !IsSettled(file))
                    {
                        continue;
                    }

                    results.Add(await TakeAsync(root, Path.GetFileName(departmentDirectory), Path.GetFileName(feedDirectory), file, format,
                        cancellationToken));
                }
            }
        }

        return results;
    }

    private async Task<ExchangeFileResult> TakeAsync(string root, string department, string feed, string file, BatchFormat format,
        CancellationToken cancellationToken)
    {
        IntakeOutcome outcome;
        try
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            await using var body = file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
                ? new GZipStream(stream, CompressionMode.Decompress)
                : (Stream)stream;
            outcome = await intake.ReceiveAsync(new IntakeSubmission(department, department, feed, IntakeChannel.Exchange, format, body),
                cancellationToken);
        }
        catch (FileNotFoundException)
        {
            // Another hub instance took it first.
            return new ExchangeFileResult(file, "gone", 0, null);
        }

        if (outcome.Status == 503 || outcome.Error?.Code == "batch-in-progress")
        {
            logger.LogWarning("Exchange file {File} left in the inbox for the next scan: {Code}", Path.GetFileName(file), outcome.Error?.Code);
            return new ExchangeFileResult(file, "inbox", outcome.Status, outcome.Error?.Code);
        }

        var disposition = outcome.Status == 200 ? "processed" : "failed";
        var targetDirectory = Path.Combine(root, disposition, department, feed);
        Directory.CreateDirectory(targetDirectory);
        var target = Path.Combine(targetDirectory, Path.GetFileName(file));
        if (File.Exists(target))
        {
            target = Path.Combine(targetDirectory, $"{time.GetUtcNow():yyyyMMddHHmmss}-{Path.GetFileName(file)}");
        }

        object report = outcome.Report is { } done && outcome.Error is null ? done : new { error = outcome.Error, report = outcome.Report };
        await File.WriteAllTextAsync(target + ".report.json", JsonSerializer.Serialize(report, Indented), cancellationToken);
        File.Move(file, target);
        logger.LogInformation("Exchange file {File} {Disposition} ({Status})", Path.GetFileName(file), disposition, outcome.Status);
        return new ExchangeFileResult(target, disposition, outcome.Status, outcome.Error?.Code);
    }

    private bool IsSettled(string file) =>
        time.GetUtcNow() - new DateTimeOffset(File.GetLastWriteTimeUtc(file), TimeSpan.Zero) >= options.Value.StableFor;

    private static BatchFormat? Format(string file)
    {
        var name = Path.GetFileName(file).ToLowerInvariant();
        return name.EndsWith(".json", StringComparison.Ordinal) && !name.EndsWith(".report.json", StringComparison.Ordinal) ? BatchFormat.Json
            : name.EndsWith(".ndjson", StringComparison.Ordinal) || name.EndsWith(".ndjson.gz", StringComparison.Ordinal) ? BatchFormat.Ndjson
            : null;
    }
}
