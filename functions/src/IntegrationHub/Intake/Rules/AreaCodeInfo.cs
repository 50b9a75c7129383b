namespace IntegrationHub.Intake.Rules;

/// <summary>What GB/T 2260 says about a six-digit code.</summary>
/// <param name="Code">The code looked up.</param>
/// <param name="Status">Current, retired, or unknown (never in the table, or no table loaded).</param>
/// <param name="Name">The division's latest name under this code.</param>
/// <param name="Replacement">For a retired code, the code in use today that took its place, when there is exactly one.</param>
public sealed record AreaCodeInfo(string Code, AreaCodeStatus Status, string? Name, string? Replacement);
