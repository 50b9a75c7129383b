namespace IntegrationHub.Bench;

public sealed record Employer(string CreditCode, string Name, string Region);
