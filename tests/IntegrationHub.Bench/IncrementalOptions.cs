namespace IntegrationHub.Bench;

/// <summary>
/// Single-record batches sent at <see cref="Rate"/> per second for <see cref="Seconds"/>, after <see cref="WarmupSeconds"/> at the
/// same rate that are not measured; linking watched in <see cref="Database"/>.
/// </summary>
public sealed record IncrementalOptions(int Rate, int Seconds, int WarmupSeconds, int Seed, Uri Url, string CredentialsPath, string Database,
    int? HubPid);
