namespace IntegrationHub.Handler.Cli;

/// <summary>
/// <c>./hub report monthly --month 2026-10 [--region 5001] [--by hukou|registration] [--out file.csv]</c>: fetches the month's
/// regional indicators from the running hub (admin token, purpose "report monthly") and prints them per district and in total,
/// or writes them as CSV; a month still incomplete says so and which feeds are missing, and exits 3.
/// </summary>
public static class ReportMonthlyCommand
{
    private const string Usage = "usage: ./hub report monthly --month YYYY-MM [--region PREFIX] [--by hukou|registration] [--out FILE.csv]";

    private static readonly string[] Columns =
    [
        "district", "employed", "newlyEmployed", "registeredUnemployed", "registrationsOpened", "registrationsClosed",
        "zeroEmploymentHouseholds", "difficultyPersons",
    ];

    public static async Task<int> RunAsync(Uri hub, string credentialsPath, string[] options, CancellationToken cancellationToken)
    {
        if (await ReportOutput.OptionsAsync(options, ["--month", "--region", "--by", "--out"], "--month", Usage) is not { } values)
        {
            return 2;
        }

        var query = $"month={Uri.EscapeDataString(values["--month"])}&by={Uri.EscapeDataString(values.GetValueOrDefault("--by", "hukou"))}"
            + (values.TryGetValue("--region", out var region) ? $"&region={Uri.EscapeDataString(region)}" : "");
        using var document = await ReportOutput.FetchAsync(hub, credentialsPath, "/api/indicators/monthly?" + query, "report monthly (hub CLI)",
            cancellationToken);
        if (document is null)
        {
            return 1;
        }

        var report = document.RootElement;
        var area = ReportOutput.Text(report, "region") is { Length: > 0 } prefix ? prefix : "all";
        var title = $"monthly indicators {ReportOutput.Text(report, "month")} region {area} by {ReportOutput.Text(report, "by")}";
        if (ReportOutput.Text(report, "status") != "complete")
        {
            var missing = string.Join(", ", report.GetProperty("missingFeeds").EnumerateArray().Select(f => f.GetString()));
            await Console.Error.WriteLineAsync($"{title}: incomplete, no records of the month yet from {missing}");
            return 3;
        }

        var rows = report.GetProperty("districts").EnumerateArray()
            .Select(d => Columns.Select(c => c == "district" && ReportOutput.Text(d, c).Length == 0 ? "unknown" : ReportOutput.Text(d, c)).ToArray())
            .Append(Columns.Select(c => c == "district" ? "total" : ReportOutput.Text(report.GetProperty("total"), c)).ToArray())
            .ToList();
        await ReportOutput.WriteAsync(values.GetValueOrDefault("--out"), title, Columns, rows, cancellationToken);
        return 0;
    }
}
