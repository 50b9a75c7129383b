using IntegrationHub.Flows.Graduates.Ledger;
using IntegrationHub.Handler.OperatorConsole.Pages;

namespace IntegrationHub.Handler.OperatorConsole.Exports;

/// <summary>Writes the operators' exports in the background, one at a time: claims the oldest waiting, reports its progress every
/// <see cref="ProgressEvery"/> rows, and stores the file whole when done. Woken when an export is queued, and every half minute
/// in case one was queued by another process or left stalled.</summary>
internal sealed class ConsoleExportRunner(OperatorExports exports, GraduateLedger ledger, ConsoleExportSignal signal, HubCalendar calendar,
    ILogger<ConsoleExportRunner> logger)
    : BackgroundService
{
    public const string GraduateLedgerKind = "graduate-ledger";
    private const int ProgressEvery = 200;
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(30);
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await exports.ClaimAsync(stoppingToken) is { } export)
                {
                    await RunAsync(export, stoppingToken);
                }

                await signal.WaitAsync(Poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.UndefinedTable)
            {
                // The hub's first start: the migration service has not created the table yet.
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            catch (Exception e)
            {
                // The database away for a moment: try again after the poll, the export stays claimable once stalled.
                logger.LogError(e, "Console exports could not be claimed or written");
                await Task.Delay(Poll, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task RunAsync(OperatorExport export, CancellationToken cancellationToken)
    {
        var (filter, problem) = export.Kind == GraduateLedgerKind
            ? GraduateFilter.Parse(name => ExportsPage.Query(export.Filter, name), calendar.Today)
            : (null, "unknown export kind " + export.Kind);
        if (filter is null)
        {
            await exports.FailAsync(export.Id, problem!, cancellationToken);
            return;
        }

        var csv = new StringBuilder();
        CsvLine.Append(csv, ["personId", "name", "cohort", "educationLevel", "graduationDate", "schoolCode", "schoolName", "majorCode", "majorName",
            "hukouRegion", "district", "hardshipFamily", "disabled", "phone", "status", "since", "followUps", "lastContact"]);
        var rows = 0;
        await foreach (var entry in ledger.ReadAsync(filter.Query, cancellationToken))
        {
            CsvLine.Append(csv, [entry.PersonId, entry.Name, Number(entry.Cohort), entry.EducationLevel, Day(entry.GraduationDate), entry.SchoolCode,
                entry.SchoolName, entry.MajorCode, entry.MajorName, entry.HukouRegion, entry.District, Flag(entry.HardshipFamily), Flag(entry.Disabled),
                entry.Phone, entry.Status, Day(entry.Since), Number(entry.FollowUps.Count), Day(entry.FollowUps.Select(c => (DateOnly?)c.ContactDate).Max())]);
            if (++rows % ProgressEvery == 0)
            {
                await exports.ProgressAsync(export.Id, rows, cancellationToken);
            }
        }

        // A byte-order mark, so that a spreadsheet opens the Chinese names as UTF-8.
        await exports.CompleteAsync(export.Id, rows, [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())], cancellationToken);
        logger.LogInformation("Console export {Id} written: {Rows} rows", export.Id, rows);
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Flag(bool value) => value ? "true" : "false";
}
