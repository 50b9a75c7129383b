namespace IntegrationHub.Events.Shaping;

/// <summary>An outbox row as claimed for one subscription: its delivery and the event itself.</summary>
public sealed record OutboxEvent(long DeliveryId, long Position, Guid EventId, string Type, string Subject, long Sequence,
    DateTimeOffset Time, string DataJson, byte[]? IdNumberCipher);
