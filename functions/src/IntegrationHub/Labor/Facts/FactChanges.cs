namespace IntegrationHub.Labor.Facts;

/// <summary>What a recomputation changes: fact rows to write and delete, and the events announcing it, in order.</summary>
internal sealed class FactChanges
{
    public List<(long Person, LaborFact Fact)> Upserts { get; } = [];

    public List<(long Person, FactKind Kind, string Key)> Deletes { get; } = [];

    public List<EventDraft> Events { get; } = [];
}
