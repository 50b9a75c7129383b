namespace IntegrationHub.Tests.Labor;

/// <summary>An event as the outbox holds it.</summary>
public sealed record LaborEvent(string Type, string Subject, long Sequence, JsonObject Data)
{
    public string Text(string field) => Data[field]!.GetValue<string>();
}
