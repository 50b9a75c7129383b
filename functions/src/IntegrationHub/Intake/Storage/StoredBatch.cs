namespace IntegrationHub.Intake.Storage;

/// <summary>A batch already known to the hub: complete (with its report and fingerprint) or cut off part-way.</summary>
internal sealed record StoredBatch(
    string Feed,
    string SchemaVersion,
    string Region,
    DateTimeOffset ExtractedAt,
    string Format,
    bool Complete,
    byte[]? ContentHash,
    string? ReportJson,
    int LinesStored,
    int LastLine);
