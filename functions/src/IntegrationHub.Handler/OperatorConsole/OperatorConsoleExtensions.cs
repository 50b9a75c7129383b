using IntegrationHub.Events.Overview;
using IntegrationHub.Handler.OperatorConsole.Exports;
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
        services.TryAddSingleton<ConsoleAudit>();
        services.TryAddSingleton<GraduatesPage>();
        services.TryAddSingleton<FindingsPage>();
        services.TryAddSingleton<FeedsPage>();
        services.TryAddSingleton<ExportsPage>();
        services.TryAddSingleton<ConsoleExportSignal>();
        services.AddHostedService<ConsoleExportRunner>();
        services.TryAddSingleton<ConsoleFlowRoutes>();
        return services.AddFunction<ConsoleFunction>("Console");
    }

    /// <summary>
    /// Standalone, the console is also at <c>/console</c> (the function's own route is under <c>/api</c>, the Functions host's
    /// route prefix); the same function answers both, and works out which from the path.
    /// </summary>
    /// <remarks>A middleware and not a route: routes match without regard to case, and <c>/console/{**path}</c> would take
    /// the host protocol's <c>POST /Console</c> (the invocation of the function named Console) for itself.</remarks>
    public static IApplicationBuilder UseConsoleAlias(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path.Value ?? "";
        if (path.StartsWith("/console/", StringComparison.Ordinal) || (path == "/console" && HttpMethods.IsGet(context.Request.Method)))
        {
            context.Request.RouteValues["path"] = path.Length > "/console/".Length ? path["/console/".Length..] : "";
            var result = await context.RequestServices.GetRequiredService<ConsoleFunction>().InvokeAsync(context);
            await result.ExecuteAsync(context);
            return;
        }

        await next(context);
    });
}
