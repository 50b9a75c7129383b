namespace IntegrationHub.Bench.Generation;

/// <summary>One generated source record: its NDJSON line (UTF-8, no newline), whose person it is and what was corrupted.</summary>
public sealed record GeneratedRecord(
    string Department, string Feed, string RecordId, string PersonKey, byte[] Line, IdentityFields Identity);
