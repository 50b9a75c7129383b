namespace IntegrationHub.Intake.Exchange;

/// <summary>What one scan did with one file: where it went (processed, failed, or left in the inbox) and why.</summary>
/// <param name="Attempts">How many times the hub has tried the file so far (0 when it was refused without being read).</param>
public sealed record ExchangeFileResult(string File, string Disposition, int Status, string? Code, int Attempts = 0);
