using IntegrationHub.Flows.Graduates.Indicators;
using IntegrationHub.Flows.Graduates.Ledger;
using IntegrationHub.Flows.Graduates.Rules;
using IntegrationHub.Flows.Graduates.Verification;
using IntegrationHub.Labor.Graduates;

namespace IntegrationHub.Flows.Graduates;

public static class GraduatesServiceCollectionExtensions
{
    /// <summary>Registers the graduate flow. Loads and checks its rules now (<c>Graduates:RulesFile</c>, else the defaults):
    /// invalid rules throw <see cref="GraduateRulesException"/>, and the hub does not start.</summary>
    public static IServiceCollection AddHubGraduates(this IServiceCollection services, IConfiguration configuration)
    {
        var rules = GraduateRulesLoader.Load(configuration["Graduates:RulesFile"]);
        services.AddSingleton(rules);
        services.AddSingleton(p => new CohortReader(p.GetRequiredService<GraduateFacts>(), p.GetRequiredService<GraduateFollowUps>(), rules));
        services.AddSingleton(p => new GraduateLedger(p.GetRequiredService<CohortReader>()));
        services.AddSingleton(p => new GraduateIndicators(p.GetRequiredService<CohortReader>(), rules));
        services.AddSingleton(p => new GraduateRatings(p.GetRequiredService<CohortReader>(), rules));
        services.AddSingleton<EduVerificationReport>();
        services.AddSingleton<VerificationExport>();
        return services;
    }
}
