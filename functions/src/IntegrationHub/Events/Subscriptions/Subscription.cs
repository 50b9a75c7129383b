namespace IntegrationHub.Events.Subscriptions;

/// <summary>A stored subscription. The secret is never part of it: see <see cref="SubscriptionStore.ReadSecretAsync"/>.</summary>
public sealed record Subscription(
    long Id,
    string Name,
    string Subscriber,
    string LegalBasis,
    string Purpose,
    IReadOnlyList<string> EventTypes,
    IReadOnlyList<string> Fields,
    bool IdentityNumbers,
    Destination Destination,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    ContentFilter? Filter = null);
