namespace IntegrationHub.Intake.Published;

/// <summary>A batch intake has completed and committed, with how many records it holds (accepted, unchanged and rejected).</summary>
public sealed record CommittedBatch(string Department, string BatchId, string Feed, int Records);
