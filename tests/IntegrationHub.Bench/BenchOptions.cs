namespace IntegrationHub.Bench;

public sealed record BenchOptions(int Records, int Seed, Uri Url, string CredentialsPath, int? HubPid, int Parallel);
