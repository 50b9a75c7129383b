using IntegrationHub.Handler.OperatorConsole.Exports;

namespace IntegrationHub.Handler.Cli;

/// <summary>What the <c>./hub report …</c> commands share: reading their options, fetching the report from the running hub with
/// the admin token and a purpose, and writing the rows as CSV (UTF-8 with a BOM, so that spreadsheet programs read Chinese) or
/// printing them as a table.</summary>
internal static class ReportOutput
{
    /// <summary>The options as name → value (every option takes one), or null after printing the usage when one is unknown or
    /// a required one is missing.</summary>
    public static async Task<Dictionary<string, string>?> OptionsAsync(string[] options, IReadOnlyList<string> known, string required, string usage)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < options.Length; i += 2)
        {
            if (!known.Contains(options[i]))
            {
                await Console.Error.WriteLineAsync($"unknown option {options[i]}");
                return null;
            }

            values[options[i]] = options[i + 1];
        }

        if (!values.ContainsKey(required) || options.Length % 2 != 0)
        {
            await Console.Error.WriteLineAsync(usage);
            return null;
        }

        return values;
    }

    /// <summary>GETs <paramref name="path"/> from the hub as the administrator; null (after saying why) when it is refused.</summary>
    public static Task<JsonDocument?> FetchAsync(Uri hub, string credentialsPath, string path, string purpose, CancellationToken cancellationToken) =>
        AdminCall.SendAsync(hub, credentialsPath, HttpMethod.Get, path, "report", cancellationToken,
            request => request.Headers.Add("X-Purpose", purpose), TimeSpan.FromMinutes(10));

    /// <summary>Writes the rows to <paramref name="output"/> as CSV when it is given, else prints the title and a table.</summary>
    public static async Task WriteAsync(string? output, string title, IReadOnlyList<string> columns, IReadOnlyList<string[]> rows,
        CancellationToken cancellationToken)
    {
        if (output is not null)
        {
            var csv = new StringBuilder();
            CsvLine.Append(csv, columns);
            foreach (var row in rows)
            {
                CsvLine.Append(csv, row);
            }

            await File.WriteAllTextAsync(output, csv.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), cancellationToken);
            await Console.Error.WriteLineAsync($"{title}: {rows.Count} rows written to {output}");
            return;
        }

        var widths = columns.Select((c, i) => Math.Max(c.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        Console.WriteLine(title);
        Console.WriteLine(string.Join("  ", columns.Select((c, i) => c.PadRight(widths[i]))));
        foreach (var row in rows)
        {
            Console.WriteLine(string.Join("  ", row.Select((v, i) => v.PadRight(widths[i]))));
        }
    }

    /// <summary>A field of a JSON object as text: a string as it is, a number as written, null or absent as empty.</summary>
    public static string Text(JsonElement element, string field) =>
        element.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null
            ? value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText()
            : "";
}
