using System.Text.RegularExpressions;

namespace IntegrationHub.Intake.Reports;

public static partial class ReportText
{
    /// <summary>A recordId that looks like an identity number (some departments key records by it) is withheld from reports.</summary>
    public static string? RecordIdForReport(string recordId) => LongDigitRun().IsMatch(recordId) ? null : recordId;

    [GeneratedRegex("[0-9０-９]{14,}", RegexOptions.CultureInvariant)]
    private static partial Regex LongDigitRun();
}
