namespace IntegrationHub.Bench;

/// <summary>
/// Single-record batches sent at <see cref="Rate"/> per second for <see cref="Seconds"/>, after <see cref="WarmupSeconds"/> at the
/// same rate that are not measured; linking watched in <see cref="Database"/>. <see cref="TimelinePath"/>, when given,
/// receives a line per measured batch (seconds from the start when it was sent, milliseconds to linked): when slow ones happen.
/// </summary>
public sealed record IncrementalOptions(int Rate, int Seconds, int WarmupSeconds, int Seed, Uri Url, string CredentialsPath, string Database,
    int? HubPid, string? TimelinePath = null);
