namespace IntegrationHub.Intake;

/// <summary>A re-sent batch whose content differs from what was stored under the same batchId.</summary>
internal sealed class BatchConflictException(string message) : Exception(message);
