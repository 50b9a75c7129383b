namespace IntegrationHub.Handler.Functions;

public static class FunctionServiceCollectionExtensions
{
    public static IServiceCollection AddFunction<T>(this IServiceCollection services, string name)
        where T : class
    {
        GetRegistry(services).Add(name, typeof(T));
        services.AddScoped<T>();
        return services;
    }

    private static FunctionRegistry GetRegistry(IServiceCollection services)
    {
        var existing = services.FirstOrDefault(d => d.ServiceType == typeof(FunctionRegistry))?.ImplementationInstance;
        if (existing is FunctionRegistry registry)
        {
            return registry;
        }

        registry = new FunctionRegistry();
        services.AddSingleton(registry);
        return registry;
    }
}
