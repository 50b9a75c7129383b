using IntegrationHub.Events.Overview;
using IntegrationHub.Handler.Functions;
using IntegrationHub.Handler.OperatorConsole.Pages;
using IntegrationHub.Identity.Review;
using IntegrationHub.Intake.Overview;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IntegrationHub.Handler.OperatorConsole;

public static class OperatorConsoleExtensions
{
    /// <summary>The console's function, its pages and the read sides they use.</summary>
    public static IServiceCollection AddOperatorConsole(this IServiceCollection services)
    {
        services.TryAddSingleton<BatchOverview>();
        services.TryAddSingleton<DeliveryOverview>();
        services.TryAddSingleton<ReviewComparison>();
        services.TryAddSingleton<SignInPage>();
        services.TryAddSingleton<DashboardPage>();
        services.TryAddSingleton<BatchesPage>();
        services.TryAddSingleton<ReviewPage>();
        services.TryAddSingleton<SubscriptionsPage>();
        services.TryAddSingleton<PersonsPage>();
        return services.AddFunction<ConsoleFunction>("Console");
    }

    /// <summary>
    /// Standalone, the console is also at <c>/console</c> (the function's own route is under <c>/api</c>, the Functions host's
    /// route prefix); the same function answers both, and works out which from the path.
    /// </summary>
    public static IEndpointRouteBuilder MapConsoleAlias(this IEndpointRouteBuilder app)
    {
        RequestDelegate handler = async context =>
        {
            var result = await context.RequestServices.GetRequiredService<ConsoleFunction>().InvokeAsync(context);
            await result.ExecuteAsync(context);
        };
        app.MapMethods("/console/{**path}", [HttpMethods.Get, HttpMethods.Post], handler);
        return app;
    }
}
