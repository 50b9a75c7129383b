namespace IntegrationHub.Flows.Graduates;

public static class GraduatesServiceCollectionExtensions
{
    /// <summary>Registers the graduate flow. Loads and checks its rules now (<c>Graduates:RulesFile</c>, else the defaults):
    /// invalid rules throw <see cref="Rules.GraduateRulesException"/>, and the hub does not start.</summary>
    public static IServiceCollection AddHubGraduates(this IServiceCollection services, IConfiguration configuration)
    {
        var rules = Rules.GraduateRulesLoader.Load(configuration["Graduates:RulesFile"]);
        services.AddSingleton(rules);
        services.AddSingleton(p => new CohortReader(p.GetRequiredService<Labor.Graduates.GraduateFacts>(),
            p.GetRequiredService<Labor.Graduates.GraduateFollowUps>(), rules));
        services.AddSingleton(p => new Ledger.GraduateLedger(p.GetRequiredService<CohortReader>(),
            p.GetRequiredService<Labor.Graduates.GraduateFacts>(), rules.District));
        services.AddSingleton(p => new Indicators.GraduateIndicators(p.GetRequiredService<CohortReader>(), rules));
        services.AddSingleton(p => new Indicators.GraduateRatings(p.GetRequiredService<CohortReader>(), rules));
        services.AddSingleton<Verification.EduVerificationReport>();
        services.AddSingleton<Verification.VerificationExport>();
        return services;
    }
}
