namespace IntegrationHub.Platform.Audit;

/// <summary>One audited act: who did what, for which purpose, to what. Never holds an identity number.</summary>
public sealed record AuditEntry(string Actor, string Action, string Purpose, string? Subject, string DetailJson = "{}");
