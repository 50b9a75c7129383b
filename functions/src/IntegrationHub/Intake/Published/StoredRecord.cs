namespace IntegrationHub.Intake.Published;

/// <summary>One version of a source record as intake stored it, as the modules after intake read it (identity links it).</summary>
/// <remarks>
/// The normalized payload (identity numbers removed from it), and the record's identity number as blind index and cipher, with
/// whether that number is valid. The <c>stored_record</c> view (migration 0014) gives the same columns to set-based SQL.
/// </remarks>
public sealed record StoredRecord(
    string Department,
    string Feed,
    string RecordId,
    int Version,
    JsonObject Payload,
    byte[]? IdNumberIndex,
    byte[]? IdNumberCipher,
    bool IdNumberValid);
