namespace IntegrationHub.Flows.Exchange;

public static class ExchangeFlowServiceCollectionExtensions
{
    /// <summary>Registers the department exchange flow. Its rules and schedules are checked when the host starts
    /// (<see cref="ExchangeStartupCheck"/>): a bad one refuses the start.</summary>
    public static IServiceCollection AddHubExchangeFlow(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ExchangeFlowOptions>(configuration.GetSection(ExchangeFlowOptions.Section));
        AddCheckedAtStart(services);

        // What the timers and ./hub exchange run: the comparisons, the watches, the deliveries.
        services.AddSingleton<Findings.FindingsWorker>();
        services.AddSingleton<Feeds.FeedWatch>();
        services.AddSingleton<Employers.LayoffWatch>();
        services.AddSingleton<Delivery.FindingsDelivery>();
        services.AddSingleton<Quality.QualityDelivery>();

        // What departments and operators read, through the API and the console.
        services.AddSingleton<Findings.FindingQueries>();
        services.AddSingleton<Quality.QualityReports>();
        services.AddSingleton<Feeds.FeedAlerts>();
        services.AddSingleton<Employers.MonitoredEnterprises>();
        services.AddSingleton<Employers.EmployerViews>();
        services.AddSingleton<Indicators.MonthlyIndicators>();
        return services;
    }

    /// <summary>What the flow reads from its configuration and cannot run without: the comparison rules and the delivery and
    /// feed schedules, registered with the check that builds them as the host starts.</summary>
    private static void AddCheckedAtStart(IServiceCollection services)
    {
        services.AddSingleton(sp => Rules.RuleCatalog.LoadAsync(
            Rules.RuleCatalog.LocateDirectory(sp.GetRequiredService<IOptions<ExchangeFlowOptions>>().Value.RulesDirectory),
            CancellationToken.None).GetAwaiter().GetResult());
        services.AddSingleton<Delivery.DeliverySchedules>();
        services.AddSingleton<Feeds.FeedSchedules>();
        services.AddHostedService<ExchangeStartupCheck>();
    }
}
