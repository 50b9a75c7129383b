namespace IntegrationHub.Intake.Storage;

/// <summary>A rejected record handed back to its own department: its position, its errors and the record as it was sent.</summary>
public sealed record RejectedRecord(
    [property: JsonPropertyName("line")] int Line,
    [property: JsonPropertyName("recordId")] string? RecordId,
    [property: JsonPropertyName("errors")] IReadOnlyList<FieldError> Errors,
    [property: JsonPropertyName("raw")] string Raw);
