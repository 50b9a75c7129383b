using System.Text.Json.Serialization;
using IntegrationHub.Intake.Validation;

namespace IntegrationHub.Intake.Reports;

/// <summary>A rejected or warned record in a batch report, named by recordId and its position, never by identity number.</summary>
public sealed record RecordProblem(
    [property: JsonPropertyName("line"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Line,
    [property: JsonPropertyName("index"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Index,
    [property: JsonPropertyName("recordId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RecordId,
    [property: JsonPropertyName("outcome")] string Outcome,
    [property: JsonPropertyName("errors")] IReadOnlyList<FieldError> Errors);
