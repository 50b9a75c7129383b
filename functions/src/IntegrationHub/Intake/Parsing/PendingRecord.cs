namespace IntegrationHub.Intake.Parsing;

/// <summary>A record not yet validated: its position (NDJSON line or JSON index), the pointer to it, and its bytes.</summary>
internal readonly record struct PendingRecord(int Line, string Pointer, byte[] Raw);
