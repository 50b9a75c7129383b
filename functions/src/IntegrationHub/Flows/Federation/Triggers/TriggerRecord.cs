namespace IntegrationHub.Flows.Federation.Triggers;

/// <summary>A department record that names where its person goes: a <c>ps/household-registration</c> <c>move-out</c> or an
/// <c>hr/social-insurance</c> <c>transferred-out</c> with the proposed catalogue field <c>toRegion</c>.</summary>
internal sealed record TriggerRecord(string Department, string Feed, string RecordId, int Version, JsonObject Payload)
{
    /// <summary>The two kinds of record that may trigger a transfer: department, feed, the field and value that say the person
    /// leaves, and the trigger name the transfer carries.</summary>
    public static readonly (string Department, string Feed, string Field, string Value, string Trigger)[] Kinds =
    [
        ("ps", "household-registration", "changeType", "move-out", "ps/move-out"),
        ("hr", "social-insurance", "status", "transferred-out", "hr/transferred-out"),
    ];

    public string ToRegion => (string?)Payload["toRegion"] ?? "";

    public string Trigger => Kinds.First(k => k.Department == Department && k.Feed == Feed).Trigger;

    /// <summary>The transfer's reason, from the record: what happened, where to, and which record said so.</summary>
    public string Reason => Feed == "household-registration"
        ? $"户籍迁出至 {ToRegion}（ps/household-registration {RecordId}，变动日期 {(string?)Payload["changeDate"]}）"
        : $"社会保险关系转出至 {ToRegion}（hr/social-insurance {RecordId}，{(string?)Payload["insuranceType"]} {(string?)Payload["period"]}）";

    /// <summary>The transfer id of this record, the same at every scan (a name-based UUID of the record's key), so that a
    /// scan that dies between requesting the transfer and noting the record requests the same transfer again.</summary>
    public Guid TransferId()
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"transfer-trigger/{Department}/{Feed}/{RecordId}"));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
