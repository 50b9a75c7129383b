using System.Text.Json.Nodes;
using IntegrationHub.Intake.Published;

namespace IntegrationHub.Identity;

/// <summary>An accepted source record version waiting to be linked, with what linking needs of it.</summary>
public sealed record LinkCandidate(
    string Department,
    string Feed,
    string RecordId,
    int Version,
    JsonObject Payload,
    byte[]? IdNumberIndex,
    byte[]? IdNumberCipher,
    bool IdNumberValid)
{
    public string Source => $"{Department}/{Feed}/{RecordId}#{Version}";

    public static LinkCandidate From(StoredRecord record) => new(record.Department, record.Feed, record.RecordId, record.Version,
        record.Payload, record.IdNumberIndex, record.IdNumberCipher, record.IdNumberValid);
}
