using IntegrationHub.Intake.Reports;

namespace IntegrationHub.Intake.Exchange;

/// <summary>The report beside a file in <c>failed/</c>: why, the batch report when intake made one, and how many attempts were made.</summary>
internal sealed record ExchangeFailureReport(
    [property: JsonPropertyName("error")] ReportedError? Error,
    [property: JsonPropertyName("report")] BatchReport? Report,
    [property: JsonPropertyName("attempts")] int Attempts);
