namespace IntegrationHub.Platform.Operators;

public static class OperatorServiceCollectionExtensions
{
    public static IServiceCollection AddHubOperators(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<OperatorOptions>(configuration.GetSection(OperatorOptions.Section));
        services.TryAddSingleton<OperatorStore>();
        services.TryAddSingleton<OperatorExports>();
        return services;
    }
}
