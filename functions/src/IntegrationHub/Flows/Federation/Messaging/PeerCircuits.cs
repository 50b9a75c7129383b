using IntegrationHub.Flows.Federation.Trust;
using Polly.Retry;

namespace IntegrationHub.Flows.Federation.Messaging;

/// <summary>
/// One Polly pipeline per peer: a retry with jittered exponential backoff around a circuit breaker around a timeout on each
/// attempt. A peer that is down costs a few quick retries and then, its circuit open, nothing until it may be back.
/// </summary>
/// <remarks>An open circuit is not retried here: the caller (a transfer's relay) keeps the work and tries again later, so a
/// peer that is down delays a transfer and never loses it.</remarks>
internal sealed class PeerCircuits(TrustSettings trust, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ResiliencePipeline<PeerReply>> pipelines = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CircuitBreakerStateProvider> states = new(StringComparer.Ordinal);

    public ResiliencePipeline<PeerReply> For(string peer) => pipelines.GetOrAdd(peer, Build);

    /// <summary>The peer's circuit (<c>closed</c>, <c>open</c>, <c>half-open</c>), or null when this process has not called it.</summary>
    public string? StateOf(string peer) => states.TryGetValue(peer, out var provider) ? provider.CircuitState switch
    {
        CircuitState.Closed => "closed",
        CircuitState.HalfOpen => "half-open",
        CircuitState.Isolated => "isolated",
        _ => "open",
    } : null;

    private ResiliencePipeline<PeerReply> Build(string peer)
    {
        var options = trust.Options;
        static bool Transient(Outcome<PeerReply> outcome) =>
            outcome.Exception is HttpRequestException or TimeoutRejectedException
            || outcome.Result is { Status: >= 500 or 429 or 408 };
        var builder = new ResiliencePipelineBuilder<PeerReply> { TimeProvider = time };
        if (options.Retries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<PeerReply>
            {
                MaxRetryAttempts = options.Retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                ShouldHandle = args => ValueTask.FromResult(Transient(args.Outcome)),
            });
        }

        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<PeerReply>
            {
                FailureRatio = 1.0,
                MinimumThroughput = Math.Max(2, options.BreakerFailures),
                SamplingDuration = TimeSpan.FromMinutes(1),
                BreakDuration = options.BreakerDuration,
                StateProvider = states.GetOrAdd(peer, _ => new CircuitBreakerStateProvider()),
                ShouldHandle = args => ValueTask.FromResult(Transient(args.Outcome)),
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }
}
