using IntegrationHub.Intake.Exchange;
using IntegrationHub.Intake.Feeds;
using IntegrationHub.Intake.Rules;
using IntegrationHub.Intake.Storage;
using IntegrationHub.Intake.Validation;

namespace IntegrationHub.Intake;

public static class IntakeServiceCollectionExtensions
{
    public static IServiceCollection AddHubIntake(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<IntakeOptions>(configuration.GetSection(IntakeOptions.Section));
        services.Configure<ProtectionOptions>(configuration.GetSection(ProtectionOptions.Section));
        services.AddSingleton<IdentityProtector>();
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<IntakeOptions>>().Value;
            var reference = ReferenceData.Load(options.ReferenceDataDirectory ?? LocateReferenceData());
            var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger("IntegrationHub.ReferenceData");
            foreach (var warning in reference.Warnings)
            {
                logger.LogWarning("{Warning}", warning);
            }

            return reference;
        });
        services.AddSingleton(provider => new RecordProcessor(
            provider.GetRequiredService<ReferenceData>(),
            provider.GetRequiredService<IdentityProtector>(),
            provider.GetRequiredService<IOptions<IntakeOptions>>().Value.CreditCodeExceptions.ToHashSet(StringComparer.Ordinal)));
        services.AddSingleton<FeedCatalogProvider>();
        services.AddSingleton<IntakeService>();
        services.AddSingleton<IntakeQueries>();
        services.Configure<ExchangeOptions>(configuration.GetSection(ExchangeOptions.Section));
        // The statuses its reports give come from the handler's one mapping of refusals to HTTP (IExchangeStatuses).
        services.AddSingleton<ExchangeInbox>();
        return services;
    }

    /// <summary><c>shared/data</c> in the nearest folder above the app that has one: <c>../shared/data</c> beside a checkout.</summary>
    private static string? LocateReferenceData()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "data");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
