namespace IntegrationHub.Handler.Functions;

/// <summary>A Service Bus message as the trigger hands it over: the entity it came from and its properties.</summary>
public sealed record QueueMessage(
    string Entity,
    string Body,
    string? MessageId,
    int DeliveryCount,
    string? ContentType,
    string? Subject,
    IReadOnlyDictionary<string, string> ApplicationProperties);
