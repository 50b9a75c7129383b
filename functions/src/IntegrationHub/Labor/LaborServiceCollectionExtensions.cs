using IntegrationHub.Labor.Evidence;
using IntegrationHub.Labor.Graduates;
using IntegrationHub.Labor.Households;
using IntegrationHub.Labor.Worker;

namespace IntegrationHub.Labor;

public static class LaborServiceCollectionExtensions
{
    public static IServiceCollection AddHubLabor(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<LaborOptions>(configuration.GetSection(LaborOptions.Section));
        services.AddSingleton<EvidenceLoader>();
        services.AddSingleton<PersonPass>();
        services.AddSingleton<HouseholdPass>();
        services.AddSingleton<LaborWorker>();
        services.AddSingleton<LinkingBacklog>();
        services.AddSingleton<GraduateFacts>();
        services.AddSingleton<GraduateVerifications>();
        services.AddSingleton<GraduateFollowUps>();
        services.AddSingleton<Lookup.PersonDossierReader>();
        services.AddSingleton<Published.LaborReader>();
        return services;
    }
}
