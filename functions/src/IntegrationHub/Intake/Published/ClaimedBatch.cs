namespace IntegrationHub.Intake.Published;

/// <summary>A batch whose row a linker holds locked: its lines after <c>LinkedThrough</c> up to <c>StoredThrough</c> wait to be linked.</summary>
public sealed record ClaimedBatch(string Department, string BatchId, string Feed, int LinkedThrough, int StoredThrough)
{
    public int Unlinked => StoredThrough - LinkedThrough;
}
