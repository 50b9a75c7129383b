namespace IntegrationHub.Bench;

/// <summary>What the hub reported for one batch, or the error it answered with.</summary>
public sealed record FeedResult(
    BenchFeed Feed,
    int Sent,
    long Bytes,
    TimeSpan Elapsed,
    int Received,
    int Accepted,
    int Rejected,
    int Warnings,
    int Unchanged,
    IReadOnlyList<string> Problems,
    string? Error);
