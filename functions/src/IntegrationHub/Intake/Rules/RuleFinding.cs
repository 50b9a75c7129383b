namespace IntegrationHub.Intake.Rules;

/// <summary>A rule that a field failed. The message names the rule and never repeats the value itself.</summary>
public sealed record RuleFinding(string Code, string Message);
