namespace IntegrationHub.Intake.Exchange;

/// <summary>What one scan did with one file: where it went (processed, failed, or left in the inbox) and why.</summary>
public sealed record ExchangeFileResult(string File, string Disposition, int Status, string? Code);
