using IntegrationHub.Events.Backfill;
using IntegrationHub.Flows.Policy.Backfill;
using IntegrationHub.Flows.Policy.Catalogue;
using IntegrationHub.Flows.Policy.Decisions;
using IntegrationHub.Flows.Policy.Facts;
using IntegrationHub.Flows.Policy.Simulation;

namespace IntegrationHub.Flows.Policy;

public static class PolicyServiceCollectionExtensions
{
    public static IServiceCollection AddHubPolicy(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PolicyOptions>(configuration.GetSection(PolicyOptions.Section));
        services.AddSingleton<PolicyCatalogueProvider>();
        services.AddSingleton<SubjectFactsLoader>();
        services.AddSingleton<PolicyWorker>();
        services.AddSingleton<PolicyDecisions>();
        services.AddSingleton<PolicySimulator>();
        services.AddSingleton<ISnapshotSource, DecisionSnapshot>();
        return services;
    }
}
