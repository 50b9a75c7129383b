using IntegrationHub.Identity.Linking;
using IntegrationHub.Identity.Linking.OnArrival;
using IntegrationHub.Identity.Matching;
using IntegrationHub.Intake.Published;
using IntegrationHub.Intake.Rules;

namespace IntegrationHub.Identity;

public static class IdentityServiceCollectionExtensions
{
    public static IServiceCollection AddHubIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<IdentityOptions>(configuration.GetSection(IdentityOptions.Section));
        services.Configure<MatchingOptions>(configuration.GetSection(MatchingOptions.Section));
        services.AddSingleton(provider => NameReadings.Load(provider.GetRequiredService<ReferenceData>().Directory));
        services.AddSingleton<FeatureExtractor>();
        services.AddSingleton<MatchModelProvider>();
        services.AddSingleton<MatchModelFitter>();
        services.AddSingleton<Consolidation.PersonConsolidation>();
        services.AddSingleton<NumberAdoption>();
        services.AddSingleton<DeterministicLinker>();
        services.AddSingleton<ProbabilisticLinker>();
        services.AddSingleton<IArrivalListener, ArrivalListener>();
        services.AddSingleton<LinkExport>();
        services.AddSingleton<Review.ReviewService>();
        services.AddSingleton<Lookup.PersonLookup>();
        services.AddSingleton<Lookup.LinkQuery>();
        return services;
    }
}
