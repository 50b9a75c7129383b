namespace IntegrationHub.Handler.Functions;

public sealed record QueueMessage(string Body, string? MessageId, int DeliveryCount, string? ContentType);
