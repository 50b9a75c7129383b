namespace IntegrationHub.Intake.Reports;

/// <summary>
/// A rejected or warned record in a batch report, named by its position and recordId, never by identity number.
/// The position is the NDJSON line (the envelope is line 1) or, for JSON, the index in <c>records</c> plus 1.
/// </summary>
public sealed record RecordProblem(
    [property: JsonPropertyName("line")] int Line,
    [property: JsonPropertyName("recordId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RecordId,
    [property: JsonPropertyName("outcome")] string Outcome,
    [property: JsonPropertyName("errors")] IReadOnlyList<FieldError> Errors);
