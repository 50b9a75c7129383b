namespace IntegrationHub.Handler.OperatorConsole.Exports;

/// <summary>One line of an export's CSV (RFC 4180): fields quoted when they hold a comma, quote or line break.</summary>
/// <remarks>A field a spreadsheet would take for a formula (starting with =, +, -, @, tab or carriage return) is prefixed with an
/// apostrophe: an exported name must not run as a formula on the operator's machine (CSV injection).</remarks>
public static class CsvLine
{
    public static void Append(StringBuilder csv, IEnumerable<string?> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first)
            {
                csv.Append(',');
            }

            first = false;
            var text = field ?? "";
            if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            {
                text = "'" + text;
            }

            csv.Append(text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text);
        }

        csv.Append("\r\n");
    }
}
