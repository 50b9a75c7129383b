namespace IntegrationHub.Intake.Exchange;

/// <summary>
/// A refusal as the exchange's files give it (the <c>failed/</c> report, the attempt record): the status, a stable code, a
/// message and, where known, the fields. The status is the one HTTP would answer with (<see cref="IExchangeStatuses"/>).
/// </summary>
internal sealed record ReportedError(
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("errors"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<FieldError>? Errors = null)
{
    public static ReportedError Of(IntakeError error, IExchangeStatuses statuses) =>
        new(statuses.Of(error.Kind), error.Code, error.Message, error.Errors);
}
