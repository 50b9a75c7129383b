namespace IntegrationHub.Flows.Exchange;

public static class ExchangeFlowServiceCollectionExtensions
{
    /// <summary>The flow's services that need nothing but other services, by folder.</summary>
    private static readonly Type[] Singletons =
    [
        typeof(Delivery.DeliverySchedules), typeof(Delivery.FindingsDelivery),
        typeof(Feeds.FeedSchedules), typeof(Feeds.FeedWatch), typeof(Feeds.FeedAlerts),
        typeof(Findings.FindingsWorker), typeof(Findings.FindingQueries),
        typeof(Quality.QualityReports), typeof(Quality.QualityDelivery),
        typeof(Employers.MonitoredEnterprises), typeof(Employers.LayoffWatch), typeof(Employers.EmployerViews),
        typeof(Indicators.MonthlyIndicators),
    ];

    /// <summary>Registers the department exchange flow. Its rules and schedules are checked when the host starts
    /// (<see cref="ExchangeStartupCheck"/>): a bad one refuses the start.</summary>
    public static IServiceCollection AddHubExchangeFlow(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ExchangeFlowOptions>(configuration.GetSection(ExchangeFlowOptions.Section));
        services.AddSingleton(sp => Rules.RuleCatalog.LoadAsync(
            Rules.RuleCatalog.LocateDirectory(sp.GetRequiredService<IOptions<ExchangeFlowOptions>>().Value.RulesDirectory),
            CancellationToken.None).GetAwaiter().GetResult());
        foreach (var service in Singletons)
        {
            services.AddSingleton(service);
        }

        services.AddHostedService<ExchangeStartupCheck>();
        return services;
    }
}
