using IntegrationHub.Flows.Exchange.Delivery;
using IntegrationHub.Flows.Exchange.Employers;
using IntegrationHub.Flows.Exchange.Feeds;
using IntegrationHub.Flows.Exchange.Findings;
using IntegrationHub.Flows.Exchange.Indicators;
using IntegrationHub.Flows.Exchange.Quality;
using IntegrationHub.Flows.Exchange.Rules;

namespace IntegrationHub.Flows.Exchange;

public static class ExchangeFlowServiceCollectionExtensions
{
    /// <summary>Registers the department exchange flow. Its rules and schedules are checked when the host starts
    /// (<see cref="ExchangeStartupCheck"/>): a bad one refuses the start.</summary>
    public static IServiceCollection AddHubExchangeFlow(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ExchangeFlowOptions>(configuration.GetSection(ExchangeFlowOptions.Section));
        services.AddSingleton(sp => RuleCatalog.LoadAsync(
            RuleCatalog.LocateDirectory(sp.GetRequiredService<IOptions<ExchangeFlowOptions>>().Value.RulesDirectory), CancellationToken.None)
            .GetAwaiter().GetResult());
        services.AddSingleton<DeliverySchedules>();
        services.AddSingleton<FeedSchedules>();
        services.AddSingleton<FeedWatch>();
        services.AddSingleton<FeedAlerts>();
        services.AddSingleton<FindingsWorker>();
        services.AddSingleton<FindingQueries>();
        services.AddSingleton<FindingsDelivery>();
        services.AddSingleton<QualityReports>();
        services.AddSingleton<QualityDelivery>();
        services.AddSingleton<MonitoredEnterprises>();
        services.AddSingleton<LayoffWatch>();
        services.AddSingleton<EmployerViews>();
        services.AddSingleton<MonthlyIndicators>();
        services.AddHostedService<ExchangeStartupCheck>();
        return services;
    }
}
