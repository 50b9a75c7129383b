using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Identity;

public static class IdentityServiceCollectionExtensions
{
    public static IServiceCollection AddHubIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<IdentityOptions>(configuration.GetSection(IdentityOptions.Section));
        services.AddSingleton<DeterministicLinker>();
        services.AddSingleton<LinkExport>();
        return services;
    }
}
