namespace IntegrationHub.Handler.Triggers;

/// <summary>The standalone door: each httpTrigger's route and methods from its function.json, under <c>/api</c> like the host.</summary>
public static class StandaloneRoutes
{
    public const string RoutePrefix = "api";

    public static IEndpointRouteBuilder MapHttpFunctions(this IEndpointRouteBuilder app, FunctionCatalog catalog, FunctionRegistry registry)
    {
        foreach (var function in catalog.Functions.Where(f => f.Trigger == TriggerKind.Http))
        {
            var implementation = registry.Implementations[function.Name];
            var pattern = $"/{RoutePrefix}/{function.Route}";
            RequestDelegate handler = async context =>
            {
                var http = (IHttpFunction)context.RequestServices.GetRequiredService(implementation);
                var result = await http.InvokeAsync(context);
                await result.ExecuteAsync(context);
            };
            var endpoint = function.Methods.Count == 0 ? app.Map(pattern, handler) : app.MapMethods(pattern, function.Methods, handler);
            endpoint.WithName(function.Name);
        }

        return app;
    }
}
