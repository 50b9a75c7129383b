namespace IntegrationHub.Intake.Parsing;

/// <summary>The batch envelope's fields, read after the envelope schema has passed.</summary>
internal sealed record BatchEnvelope(string BatchId, string SchemaVersion, DateTimeOffset ExtractedAt, string Region)
{
    public static BatchEnvelope From(JsonElement envelope) => new(
        envelope.GetProperty("batchId").GetString()!,
        envelope.GetProperty("schemaVersion").GetString()!,
        DateTimeOffset.Parse(envelope.GetProperty("extractedAt").GetString()!, CultureInfo.InvariantCulture),
        envelope.GetProperty("region").GetString()!);
}
