namespace IntegrationHub.Intake.Exchange;

/// <summary>What tells one version of a file from another here: its length and its last write.</summary>
internal readonly record struct FileStamp(long Length, DateTime LastWriteUtc);
