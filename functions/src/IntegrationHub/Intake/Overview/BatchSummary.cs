namespace IntegrationHub.Intake.Overview;

/// <summary>One batch as a list shows it: counts from its report (zero while it is incomplete), no records.</summary>
public sealed record BatchSummary(string Department, string BatchId, string Feed, string Channel, string Status,
    DateTimeOffset StartedAt, int Received, int Accepted, int Rejected, int Warnings);

/// <summary>A department's batches over a span: how many, and their records accepted, rejected and warned.</summary>
public sealed record DepartmentBatchTotals(string Department, int Batches, long Accepted, long Rejected, long Warnings);

/// <summary>How many batches a department sent on one day (the hub's calendar).</summary>
public sealed record DailyBatchCount(DateOnly Day, string Department, int Batches);
