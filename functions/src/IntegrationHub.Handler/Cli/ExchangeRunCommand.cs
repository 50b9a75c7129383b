namespace IntegrationHub.Handler.Cli;

/// <summary><c>./hub exchange run</c>: brings the findings up to date and delivers every department's files now, whatever
/// the schedules say; prints where each went, or why it could not.</summary>
public static class ExchangeRunCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        var compared = await services.GetRequiredService<Flows.Exchange.Findings.FindingsWorker>().RunUntilIdleAsync(cancellationToken);
        await output.WriteLineAsync($"exchange: compared {compared} persons");
        foreach (var alert in await services.GetRequiredService<Flows.Exchange.Feeds.FeedWatch>().RunAsync(cancellationToken))
        {
            await output.WriteLineAsync($"exchange: ALERT feed {alert.Department}/{alert.Feed} {alert.Kind} ({alert.Key})");
        }

        var failed = 0;
        foreach (var outcome in await services.GetRequiredService<Flows.Exchange.Delivery.FindingsDelivery>().RunNowAsync(cancellationToken))
        {
            failed += outcome.Delivered ? 0 : 1;
            await output.WriteLineAsync(outcome.Delivered
                ? $"exchange: {outcome.Department}: {outcome.Findings} findings -> {outcome.File}"
                : $"exchange: {outcome.Department}: NOT delivered ({outcome.Error}); it is retried on the schedule");
        }

        foreach (var file in await services.GetRequiredService<Flows.Exchange.Quality.QualityDelivery>().RunNowAsync(cancellationToken))
        {
            await output.WriteLineAsync($"exchange: quality summary -> {file}");
        }

        return failed == 0 ? 0 : 1;
    }
}
