namespace IntegrationHub.Flows.Exchange;

public static class ExchangeFlowServiceCollectionExtensions
{
    /// <summary>Registers the department exchange flow. Its rules and schedules are checked when the host starts
    /// (<see cref="ExchangeStartupCheck"/>): a bad one refuses the start.</summary>
    public static IServiceCollection AddHubExchangeFlow(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ExchangeFlowOptions>(configuration.GetSection(ExchangeFlowOptions.Section));
        services.AddSingleton(sp => Rules.RuleCatalog.LoadAsync(
            Rules.RuleCatalog.LocateDirectory(sp.GetRequiredService<IOptions<ExchangeFlowOptions>>().Value.RulesDirectory),
            CancellationToken.None).GetAwaiter().GetResult());
        services.AddSingleton<Delivery.DeliverySchedules>();
        services.AddSingleton<Delivery.FindingsDelivery>();
        services.AddSingleton<Feeds.FeedSchedules>();
        services.AddSingleton<Feeds.FeedWatch>();
        services.AddSingleton<Feeds.FeedAlerts>();
        services.AddSingleton<Findings.FindingsWorker>();
        services.AddSingleton<Findings.FindingQueries>();
        services.AddSingleton<Quality.QualityReports>();
        services.AddSingleton<Quality.QualityDelivery>();
        services.AddSingleton<Employers.MonitoredEnterprises>();
        services.AddSingleton<Employers.LayoffWatch>();
        services.AddSingleton<Employers.EmployerViews>();
        services.AddSingleton<Indicators.MonthlyIndicators>();
        services.AddHostedService<ExchangeStartupCheck>();
        return services;
    }
}
