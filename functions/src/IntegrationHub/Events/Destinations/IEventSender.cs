using IntegrationHub.Events.Shaping;
using IntegrationHub.Events.Subscriptions;

namespace IntegrationHub.Events.Destinations;

/// <summary>Sends one batch of shaped CloudEvents (in order) to a subscription's destination.</summary>
public interface IEventSender
{
    string Kind { get; }

    Task<SendOutcome> SendAsync(Subscription subscription, string secret, IReadOnlyList<OutboxEvent> events,
        IReadOnlyList<byte[]> cloudEvents, CancellationToken cancellationToken);
}
