namespace IntegrationHub.Events.Destinations;

/// <summary>
/// One Polly pipeline per destination (per process): a timeout on each request and a circuit breaker that stops calling a
/// destination that keeps failing, so one dead webhook neither ties up the dispatcher nor burns the attempts of every
/// waiting delivery. Retries are not in here: they are durable, scheduled in the delivery rows (<c>Dispatch.Backoff</c>).
/// </summary>
internal sealed class DestinationCircuits(IOptions<EventsOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ResiliencePipeline<SendOutcome>> pipelines = new(StringComparer.Ordinal);

    public async Task<SendOutcome> SendAsync(string destinationKey, Func<CancellationToken, Task<SendOutcome>> send,
        CancellationToken cancellationToken)
    {
        var pipeline = pipelines.GetOrAdd(destinationKey, _ => Build());
        try
        {
            return await pipeline.ExecuteAsync(async token => await send(token), cancellationToken);
        }
        catch (BrokenCircuitException open)
        {
            return new SendOutcome(false, "circuit open", CircuitOpen: true, RetryAfter: open.RetryAfter ?? options.Value.BreakerDuration);
        }
        catch (TimeoutRejectedException)
        {
            return SendOutcome.Failed($"no answer within {options.Value.SendTimeout.TotalSeconds:0.#} s");
        }
    }

    private ResiliencePipeline<SendOutcome> Build()
    {
        var settings = options.Value;
        return new ResiliencePipelineBuilder<SendOutcome> { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<SendOutcome>
            {
                FailureRatio = 1.0,
                MinimumThroughput = Math.Max(2, settings.BreakerFailures),
                SamplingDuration = TimeSpan.FromMinutes(1),
                BreakDuration = settings.BreakerDuration,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is not null and not OperationCanceledException
                    || args.Outcome.Result is { Delivered: false, CircuitOpen: false }),
            })
            .AddTimeout(settings.SendTimeout)
            .Build();
    }
}
