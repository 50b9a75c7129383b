namespace IntegrationHub.Handler.Cli;

/// <summary>
/// <c>./hub report graduates --cohort 2026 [--by school|major|district] [--out file.csv]</c>: fetches the cohort's indicators
/// from the running hub (admin token, purpose "report") and prints them as a table, or writes them as CSV (UTF-8 with a BOM, so
/// that spreadsheet programs read the Chinese names).
/// </summary>
public static class ReportGraduatesCommand
{
    private const string Usage = "usage: ./hub report graduates --cohort YEAR [--by school|major|district] [--out FILE.csv]";

    private static readonly string[] Columns =
    [
        "group", "name", "graduates", "placed", "furtherStudy", "enlisted", "notYetPlaced", "placementRate", "ledger", "followedUp",
        "followUpRate", "served", "serviceRate", "hardshipGraduates", "hardshipPlacementRate",
    ];

    public static async Task<int> RunAsync(Uri hub, string credentialsPath, string[] options, CancellationToken cancellationToken)
    {
        if (await ReportOutput.OptionsAsync(options, ["--cohort", "--by", "--out"], "--cohort", Usage) is not { } values)
        {
            return 2;
        }

        var cohort = values["--cohort"];
        var by = values.GetValueOrDefault("--by", "school");
        using var document = await ReportOutput.FetchAsync(hub, credentialsPath,
            $"/api/graduates/indicators?cohort={Uri.EscapeDataString(cohort)}&by={Uri.EscapeDataString(by)}", "report graduates (hub CLI)",
            cancellationToken);
        if (document is null)
        {
            return 1;
        }

        var rows = document.RootElement.GetProperty("groups").EnumerateArray().Select(g => Row(g, null))
            .Append(Row(document.RootElement.GetProperty("total"), "total")).ToList();
        await ReportOutput.WriteAsync(values.GetValueOrDefault("--out"), $"graduates of cohort {cohort} by {by}", Columns, rows, cancellationToken);
        return 0;
    }

    private static string[] Row(JsonElement group, string? label) =>
    [
        label ?? Text(group, "key"), label is null ? Text(group, "name") : "", Text(group, "graduates"), Text(group, "placed"),
        Text(group, "furtherStudy"), Text(group, "enlisted"), Text(group, "notYetPlaced"), Percent(group, "placementRate"),
        Text(group, "ledger"), Text(group, "followedUp"), Percent(group, "followUpRate"), Text(group, "served"), Percent(group, "serviceRate"),
        Text(group, "hardshipGraduates"), Percent(group, "hardshipPlacementRate"),
    ];

    private static string Text(JsonElement group, string field) => ReportOutput.Text(group, field);

    private static string Percent(JsonElement group, string field) =>
        group.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Number
            ? (value.GetDouble() * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%"
            : "-";
}
