using IntegrationHub.Events.Destinations;
using IntegrationHub.Events.Shaping;
using IntegrationHub.Events.Subscriptions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Events.Dispatch;

/// <summary>
/// One pass of delivery: fan out what has committed, then for every push subscription with work, claim a batch, shape
/// it for that subscription, send it, and record the outcome, until nothing is ready. Subscriptions are served side by
/// side; one subscription's batches one after the other, which is what keeps each person's events in order. Any number
/// of dispatchers (threads, processes, hubs) may run passes at once.
/// </summary>
public sealed class Dispatcher(
    DeliveryQueue queue,
    SubscriptionStore subscriptions,
    EventShaper shaper,
    IEnumerable<IEventSender> senders,
    IOptions<EventsOptions> options,
    TimeProvider time,
    ILogger<Dispatcher> logger)
{
    private readonly Dictionary<string, IEventSender> byKind = senders.ToDictionary(s => s.Kind, StringComparer.Ordinal);

    /// <summary>Who this dispatcher is in the leases it takes (host, process and instance).</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>Runs one pass; returns the events delivered.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await queue.FanOutAsync(cancellationToken);
        var delivered = 0;
        while (true)
        {
            var due = await queue.DueSubscriptionsAsync(time.GetUtcNow(), cancellationToken);
            if (due.Count == 0)
            {
                return delivered;
            }

            var results = await Task.WhenAll(due.Select(id => DrainAsync(id, cancellationToken)));
            if (results.All(r => r.Claimed == 0))
            {
                return delivered;
            }

            delivered += results.Sum(r => r.Delivered);
        }
    }

    private async Task<(int Claimed, int Delivered)> DrainAsync(long subscriptionId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        int claimed = 0, delivered = 0;
        while (true)
        {
            var claim = await queue.ClaimAsync(subscriptionId, Owner, time.GetUtcNow(), settings.Lease, settings.ScanSize, settings.BatchSize,
                cancellationToken);
            if (claim is null || claim.Events.Count == 0)
            {
                return (claimed, delivered);
            }

            claimed += claim.Events.Count;
            var outcome = await SendAsync(claim, cancellationToken);
            var now = time.GetUtcNow();
            if (outcome.Delivered)
            {
                delivered += await queue.MarkDeliveredAsync(claim.Subscription, claim.Events, Owner, now, cancellationToken);
                continue;
            }

            if (outcome.CircuitOpen)
            {
                await queue.ReleaseAsync(claim.Events, Owner, now + (outcome.RetryAfter ?? settings.BreakerDuration), cancellationToken);
                return (claimed, delivered);
            }

            var retryAt = now + Backoff.After(claim.Attempts, settings.RetryBaseDelay, settings.RetryMaxDelay, Random.Shared.NextDouble());
            await queue.MarkFailedAsync(claim.Events, Owner, outcome.Error ?? "failed", retryAt, settings.MaxAttempts, cancellationToken);
            logger.LogWarning("Delivery of {Count} events to subscription {Subscription} failed ({Error}); next attempt at {RetryAt:O}",
                claim.Events.Count, claim.Subscription.Name, outcome.Error, retryAt);
            return (claimed, delivered);
        }
    }

    private async Task<SendOutcome> SendAsync(DeliveryClaim claim, CancellationToken cancellationToken)
    {
        var subscription = claim.Subscription;
        if (!byKind.TryGetValue(subscription.Destination.Kind, out var sender))
        {
            return SendOutcome.Failed($"no sender for {subscription.Destination.Kind}");
        }

        try
        {
            var secret = await subscriptions.ReadSecretAsync(subscription.Id, cancellationToken) ?? "";
            var shape = shaper.For(subscription);
            var cloudEvents = claim.Events.Select(shape).ToArray();
            return await sender.SendAsync(subscription, secret, claim.Events, cloudEvents, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Could not send to subscription {Subscription}", subscription.Name);
            return SendOutcome.Failed(e.GetType().Name);
        }
    }
}
