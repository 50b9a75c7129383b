using System.Text.RegularExpressions;

namespace IntegrationHub.Intake.Reports;

public static partial class ReportText
{
    /// <summary>A recordId that looks like an identity number (some departments key records by it) is withheld from reports.</summary>
    public static string? RecordIdForReport(string recordId) => LooksLikeIdNumber(recordId) ? null : recordId;

    /// <summary>A run of 14 or more digits (half- or full-width): possibly an identity number, so never echoed back.</summary>
    public static bool LooksLikeIdNumber(string text) => LongDigitRun().IsMatch(text);

    [GeneratedRegex("[0-9０-９]{14,}", RegexOptions.CultureInvariant)]
    private static partial Regex LongDigitRun();
}
