using IntegrationHub.Events.Shaping;
using IntegrationHub.Events.Subscriptions;

namespace IntegrationHub.Events.Dispatch;

/// <summary>Leased deliveries of one subscription, in order; <see cref="Attempts"/>: the most any of them has had, this one
/// included.</summary>
public sealed record DeliveryClaim(Subscription Subscription, IReadOnlyList<OutboxEvent> Events, int Attempts);
