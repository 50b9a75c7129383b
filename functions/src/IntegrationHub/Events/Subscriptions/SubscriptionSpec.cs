namespace IntegrationHub.Events.Subscriptions;

/// <summary>A subscription as an administrator asks for it. <see cref="Secret"/> is the webhook secret or Service Bus key;
/// null on a change keeps the stored one. <see cref="Filter"/>: what it takes of its types' events (null: all).
/// <see cref="Backfill"/>: on creation, first send the current state as snapshot events, then the live stream.</summary>
public sealed record SubscriptionSpec(
    string Name,
    string Subscriber,
    string LegalBasis,
    string Purpose,
    IReadOnlyList<string> EventTypes,
    IReadOnlyList<string> Fields,
    bool IdentityNumbers,
    Destination Destination,
    string? Secret,
    ContentFilter? Filter = null,
    bool Backfill = false);
