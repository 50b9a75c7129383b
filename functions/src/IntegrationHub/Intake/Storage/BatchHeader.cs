namespace IntegrationHub.Intake.Storage;

internal sealed record BatchHeader(
    string Department,
    string BatchId,
    string Feed,
    string SchemaVersion,
    string Region,
    DateTimeOffset ExtractedAt,
    BatchFormat Format,
    IntakeChannel Channel,
    string SubmittedBy)
{
    public string FormatName => Format == BatchFormat.Json ? "json" : "ndjson";

    public string ChannelName => Channel.ToString().ToLowerInvariant();
}
