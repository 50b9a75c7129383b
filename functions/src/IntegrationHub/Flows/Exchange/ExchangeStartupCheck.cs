using IntegrationHub.Flows.Exchange.Delivery;
using IntegrationHub.Flows.Exchange.Feeds;
using IntegrationHub.Flows.Exchange.Indicators;
using IntegrationHub.Flows.Exchange.Rules;

namespace IntegrationHub.Flows.Exchange;

/// <summary>Loads the comparison rules and parses the schedules when the host starts, so that a bad file or setting refuses
/// the start (naming the file or key, where and why) instead of failing at the first comparison or delivery.</summary>
internal sealed class ExchangeStartupCheck(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<RuleCatalog>();
        services.GetRequiredService<DeliverySchedules>();
        services.GetRequiredService<FeedSchedules>();
        IndicatorFeed.Check(services.GetRequiredService<IOptions<ExchangeFlowOptions>>().Value.IndicatorFeedsOrDefault);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
