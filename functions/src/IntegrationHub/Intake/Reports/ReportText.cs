namespace IntegrationHub.Intake.Reports;

public static partial class ReportText
{
    /// <summary>What a report shows in place of a name or value that looks like an identity number.</summary>
    public const string Withheld = "(withheld)";

    /// <summary>A recordId that looks like an identity number (some departments key records by it) is withheld from reports.</summary>
    public static string? RecordIdForReport(string recordId) => LooksLikeIdNumber(recordId) ? null : recordId;

    /// <summary>A run of 14 or more digits (half- or full-width): possibly an identity number, so never echoed back.</summary>
    public static bool LooksLikeIdNumber(string text) => LongDigitRun().IsMatch(text);

    /// <summary>A field name as one JSON Pointer segment (RFC 6901 escaped), withheld when it looks like an identity number.</summary>
    /// <remarks>A sender that keys an object by identity number (or pastes one as a field name) must not see it echoed in a report.</remarks>
    public static string PointerSegment(string name) => LooksLikeIdNumber(name)
        ? Withheld
        : name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    [GeneratedRegex("[0-9０-９]{14,}", RegexOptions.CultureInvariant)]
    private static partial Regex LongDigitRun();
}
