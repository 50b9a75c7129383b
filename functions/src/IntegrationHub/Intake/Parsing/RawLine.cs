namespace IntegrationHub.Intake.Parsing;

/// <summary>One non-empty NDJSON line: its 1-based physical line number and its bytes without the line break.</summary>
internal readonly record struct RawLine(int Number, byte[] Bytes);
