namespace IntegrationHub.Platform.Audit;

/// <summary>One entry of the audit log as read back: its place in the log, when, and the act as it was appended.</summary>
public sealed record AuditRecord(long Seq, DateTimeOffset At, string Actor, string Action, string Purpose, string? Subject, string DetailJson);
