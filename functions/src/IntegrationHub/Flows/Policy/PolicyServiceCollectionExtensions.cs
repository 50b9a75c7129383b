namespace IntegrationHub.Flows.Policy;

public static class PolicyServiceCollectionExtensions
{
    public static IServiceCollection AddHubPolicy(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PolicyOptions>(configuration.GetSection(PolicyOptions.Section));
        services.AddSingleton<Catalogue.PolicyCatalogueProvider>();
        services.AddSingleton<Facts.SubjectFactsLoader>();
        services.AddSingleton<Decisions.PolicyWorker>();
        services.AddSingleton<Decisions.PolicyDecisions>();
        services.AddSingleton<Simulation.PolicySimulator>();
        services.AddSingleton<Events.Backfill.ISnapshotSource, Backfill.DecisionSnapshot>();
        return services;
    }
}
