namespace IntegrationHub.Intake.Published;

/// <summary>
/// A new batch whose every line intake has just stored, in a transaction not yet committed: its lines run from 1 to
/// <see cref="StoredThrough"/>, and <see cref="Accepted"/> holds the records it stored as new versions, in line order.
/// </summary>
public sealed record ArrivedBatch(string Department, string BatchId, string Feed, int StoredThrough, IReadOnlyList<StoredRecord> Accepted);
