using IntegrationHub.Platform.Audit;
using IntegrationHub.Platform.Credentials;
using IntegrationHub.Platform.Database;
using IntegrationHub.Platform.Health;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace IntegrationHub.Platform.Hosting;

public static class PlatformServiceCollectionExtensions
{
    public static IServiceCollection AddHubPlatform(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.Configure<HubDatabaseOptions>(configuration.GetSection(HubDatabaseOptions.Section));
        services.TryAddSingleton(_ =>
        {
            var options = configuration.GetSection(HubDatabaseOptions.Section).Get<HubDatabaseOptions>() ?? new HubDatabaseOptions();
            return new NpgsqlDataSourceBuilder(options.ConnectionString).Build();
        });
        services.TryAddSingleton<Migrator>();
        services.TryAddSingleton<HealthProbe>();
        services.TryAddSingleton<CredentialStore>();
        services.TryAddSingleton<AuditLog>();
        return services;
    }
}
