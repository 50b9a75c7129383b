using IntegrationHub.Events.Destinations;
using IntegrationHub.Events.Shaping;
using IntegrationHub.Events.Subscriptions;

namespace IntegrationHub.Events.Dispatch;

/// <summary>
/// One pass of delivery: fan out what has committed, then for every push subscription with work, claim a batch, shape
/// it for that subscription, send it, and record the outcome, until nothing is ready. Subscriptions are served side by
/// side, and each subscription with up to <see cref="EventsOptions.ClaimsInFlight"/> batches in flight; each person's
/// events stay in order because a claim skips a person whose earlier event is leased or waiting (see
/// <see cref="DeliveryQueue.ClaimAsync"/>). Any number of dispatchers (threads, processes, hubs) may run passes at once.
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

    // Up to ClaimsInFlight batches of the subscription at once. The claims themselves take turns (the subscription row
    // is locked while one is taken, and a claim of ours must not skip a sibling's lock as if another dispatcher held it);
    // the sends overlap. The first failure stops every worker: a failing destination gets no more batches this pass.
    private async Task<(int Claimed, int Delivered)> DrainAsync(long subscriptionId, CancellationToken cancellationToken)
    {
        using var claiming = new SemaphoreSlim(1, 1);
        var state = new DrainState();
        var workers = Enumerable.Range(0, Math.Max(1, options.Value.ClaimsInFlight))
            .Select(_ => WorkAsync(subscriptionId, claiming, state, cancellationToken));
        await Task.WhenAll(workers);
        return (state.Claimed, state.Delivered);
    }

    private async Task WorkAsync(long subscriptionId, SemaphoreSlim claiming, DrainState state, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        while (!state.Stopped)
        {
            DeliveryClaim? claim;
            await claiming.WaitAsync(cancellationToken);
            try
            {
                claim = state.Stopped ? null : await queue.ClaimAsync(subscriptionId, Owner, time.GetUtcNow(), settings.Lease, settings.ScanSize,
                    settings.BatchSize, cancellationToken);
            }
            finally
            {
                claiming.Release();
            }

            if (claim is null || claim.Events.Count == 0)
            {
                return;
            }

            state.Add(claim.Events.Count, 0);
            var outcome = await SendAsync(claim, cancellationToken);
            var now = time.GetUtcNow();
            if (outcome.Delivered)
            {
                state.Add(0, await queue.MarkDeliveredAsync(claim.Subscription, claim.Events, Owner, now, cancellationToken));
                continue;
            }

            state.Stop();
            if (outcome.CircuitOpen)
            {
                await queue.ReleaseAsync(claim.Events, Owner, now + (outcome.RetryAfter ?? settings.BreakerDuration), cancellationToken);
                return;
            }

            var retryAt = now + Backoff.After(claim.Attempts, settings.RetryBaseDelay, settings.RetryMaxDelay, Random.Shared.NextDouble());
            await queue.MarkFailedAsync(claim.Events, Owner, outcome.Error ?? "failed", retryAt, settings.MaxAttempts, cancellationToken);
            logger.LogWarning("Delivery of {Count} events to subscription {Subscription} failed ({Error}); next attempt at {RetryAt:O}",
                claim.Events.Count, claim.Subscription.Name, outcome.Error, retryAt);
            return;
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
