namespace IntegrationHub.Intake.Reports;

/// <summary>What the hub made of a batch. Stored with the batch; a re-send of the same batch gets it back unchanged.</summary>
public sealed record BatchReport(
    [property: JsonPropertyName("batchId")] string BatchId,
    [property: JsonPropertyName("department")] string Department,
    [property: JsonPropertyName("feed")] string Feed,
    [property: JsonPropertyName("schemaVersion")] string SchemaVersion,
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("receivedAt")] DateTimeOffset ReceivedAt,
    [property: JsonPropertyName("completedAt")] DateTimeOffset CompletedAt,
    [property: JsonPropertyName("received")] int Received,
    [property: JsonPropertyName("accepted")] int Accepted,
    [property: JsonPropertyName("rejected")] int Rejected,
    [property: JsonPropertyName("warnings")] int Warnings,
    [property: JsonPropertyName("unchanged")] int Unchanged,
    [property: JsonPropertyName("recordsTruncated")] bool RecordsTruncated,
    [property: JsonPropertyName("records")] IReadOnlyList<RecordProblem> Records);
