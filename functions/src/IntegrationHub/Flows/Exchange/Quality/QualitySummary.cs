namespace IntegrationHub.Flows.Exchange.Quality;

/// <summary>A department's data quality in one month (China time): what it sent, what was refused and why, what warned, the
/// review items its records caused and the alerts its feeds raised. <see cref="Complete"/> is false while the month runs.</summary>
public sealed record QualitySummary(
    string Department,
    string Month,
    bool Complete,
    int Batches,
    int RecordsReceived,
    int Accepted,
    int Unchanged,
    int Rejected,
    int Warnings,
    IReadOnlyDictionary<string, int> RejectedByCode,
    IReadOnlyDictionary<string, int> WarningsByCode,
    int InvalidIdWarnings,
    int ReviewItems,
    IReadOnlyList<QualityFeed> Feeds,
    IReadOnlyList<QualityAlert> Alerts);

/// <summary>One feed's batches and records in the month.</summary>
public sealed record QualityFeed(string Feed, int Batches, int RecordsReceived, int Rejected);

/// <summary>A feed alert raised in the month: overdue (late batches) or anomalous (a batch far smaller than usual).</summary>
public sealed record QualityAlert(string Feed, string Kind, string Key, DateTimeOffset RaisedAt);
