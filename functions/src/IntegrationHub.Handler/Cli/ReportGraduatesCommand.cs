using System.Globalization;
using System.Text;
using System.Text.Json;

namespace IntegrationHub.Handler.Cli;

/// <summary>
/// <c>./hub report graduates --cohort 2026 [--by school|major|district] [--out file.csv]</c>: fetches the cohort's indicators
/// from the running hub (admin token, purpose "report") and prints them as a table, or writes them as CSV (UTF-8 with a BOM, so
/// that spreadsheet programs read the Chinese names).
/// </summary>
public static class ReportGraduatesCommand
{
    private static readonly string[] Columns =
    [
        "group", "name", "graduates", "placed", "furtherStudy", "enlisted", "notYetPlaced", "placementRate", "ledger", "followedUp",
        "followUpRate", "served", "serviceRate", "hardshipGraduates", "hardshipPlacementRate",
    ];

    public static async Task<int> RunAsync(Uri hub, string credentialsPath, string[] options, CancellationToken cancellationToken)
    {
        string? cohort = null, by = "school", output = null;
        for (var i = 0; i + 1 < options.Length; i += 2)
        {
            switch (options[i])
            {
                case "--cohort": cohort = options[i + 1]; break;
                case "--by": by = options[i + 1]; break;
                case "--out": output = options[i + 1]; break;
                default:
                    await Console.Error.WriteLineAsync($"unknown option {options[i]}");
                    return 2;
            }
        }

        if (cohort is null || options.Length % 2 != 0)
        {
            await Console.Error.WriteLineAsync("usage: ./hub report graduates --cohort YEAR [--by school|major|district] [--out FILE.csv]");
            return 2;
        }

        using var document = await AdminCall.SendAsync(hub, credentialsPath, HttpMethod.Get,
            $"/api/graduates/indicators?cohort={Uri.EscapeDataString(cohort)}&by={Uri.EscapeDataString(by)}", "report", cancellationToken,
            request => request.Headers.Add("X-Purpose", "report graduates (hub CLI)"), TimeSpan.FromMinutes(10));
        if (document is null)
        {
            return 1;
        }

        var rows = document.RootElement.GetProperty("groups").EnumerateArray().Select(g => Row(g, null))
            .Append(Row(document.RootElement.GetProperty("total"), "total")).ToList();
        if (output is not null)
        {
            var csv = new StringBuilder().AppendLine(string.Join(',', Columns));
            foreach (var row in rows)
            {
                csv.AppendLine(string.Join(',', row.Select(Csv)));
            }

            await File.WriteAllTextAsync(output, csv.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), cancellationToken);
            await Console.Error.WriteLineAsync($"cohort {cohort} by {by}: {rows.Count - 1} groups written to {output}");
            return 0;
        }

        var widths = Columns.Select((c, i) => Math.Max(c.Length, rows.Max(r => r[i].Length))).ToArray();
        Console.WriteLine($"graduates of cohort {cohort} by {by}");
        Console.WriteLine(string.Join("  ", Columns.Select((c, i) => c.PadRight(widths[i]))));
        foreach (var row in rows)
        {
            Console.WriteLine(string.Join("  ", row.Select((v, i) => v.PadRight(widths[i]))));
        }

        return 0;
    }

    private static string[] Row(JsonElement group, string? label) =>
    [
        label ?? Text(group, "key"), label is null ? Text(group, "name") : "", Text(group, "graduates"), Text(group, "placed"),
        Text(group, "furtherStudy"), Text(group, "enlisted"), Text(group, "notYetPlaced"), Percent(group, "placementRate"),
        Text(group, "ledger"), Text(group, "followedUp"), Percent(group, "followUpRate"), Text(group, "served"), Percent(group, "serviceRate"),
        Text(group, "hardshipGraduates"), Percent(group, "hardshipPlacementRate"),
    ];

    private static string Text(JsonElement group, string field) =>
        group.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null
            ? value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText()
            : "";

    private static string Percent(JsonElement group, string field) =>
        group.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Number
            ? (value.GetDouble() * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%"
            : "-";

    private static string Csv(string value) =>
        value.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
