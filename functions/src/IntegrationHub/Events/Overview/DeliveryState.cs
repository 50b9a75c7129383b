namespace IntegrationHub.Events.Overview;

/// <summary>A subscription's deliveries by state, and the time of the oldest event still waiting to go out.</summary>
public sealed record SubscriptionDeliveryState(string Name, string Subscriber, string DestinationKind, long Pending, long Delivered, long Dead,
    DateTimeOffset? OldestPendingEventAt, DateTimeOffset? LastDeliveredAt);

/// <summary>A delivery given up on: which event (type, subject, position), how often it was tried, and the last error.</summary>
public sealed record DeadLetter(long DeliveryId, long Position, string EventType, string Subject, int Attempts, string? LastError);
