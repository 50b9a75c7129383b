using System.Text.Json.Nodes;

namespace IntegrationHub.Intake.Published;

/// <summary>
/// One version of a source record as intake stored it, with what the modules after intake read of it: the normalized payload
/// (identity numbers removed) and the record's identity number as blind index and cipher, and whether that number is valid.
/// </summary>
public sealed record StoredRecord(
    string Department,
    string Feed,
    string RecordId,
    int Version,
    JsonObject Payload,
    byte[]? IdNumberIndex,
    byte[]? IdNumberCipher,
    bool IdNumberValid);
