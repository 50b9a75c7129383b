using IntegrationHub.Events.Shaping;
using IntegrationHub.Events.Subscriptions;

namespace IntegrationHub.Events.Dispatch;

/// <summary>One audit row per batch of personal data handed to a subscriber (not one per event: cheap at volume), naming
/// the subscription, its legal basis, how many events, which outbox positions and whether identity numbers went out.</summary>
internal static class DeliveryAudit
{
    public static AuditEntry Delivered(Subscription subscription, IReadOnlyList<OutboxEvent> events, string actor) => new(
        actor, "events.delivered", subscription.Purpose, subscription.Name, JsonSerializer.Serialize(new
        {
            subscriber = subscription.Subscriber,
            legalBasis = subscription.LegalBasis,
            destination = subscription.Destination.Kind,
            events = events.Count,
            firstPosition = events.Count == 0 ? 0 : events.Min(e => e.Position),
            lastPosition = events.Count == 0 ? 0 : events.Max(e => e.Position),
            fields = subscription.Fields,
            identityNumbers = subscription.IdentityNumbers && subscription.Fields.Contains(SubscriptionValidator.IdentityNumberField),
        }));
}
