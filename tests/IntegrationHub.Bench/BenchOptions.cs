namespace IntegrationHub.Bench;

/// <summary>What to send; <see cref="Feed"/> (department/feed) puts every record into that one feed's single batch.</summary>
public sealed record BenchOptions(int Records, int Seed, Uri Url, string CredentialsPath, int? HubPid, int Parallel, string? Feed = null);
