using IntegrationHub.Events;
using IntegrationHub.Flows.Exchange;
using IntegrationHub.Flows.Federation;
using IntegrationHub.Flows.Graduates;
using IntegrationHub.Flows.Policy;
using IntegrationHub.Handler.OperatorConsole;
using IntegrationHub.Handler.Triggers;
using IntegrationHub.Identity;
using IntegrationHub.Intake;
using IntegrationHub.Labor;

namespace IntegrationHub.Handler;

/// <summary>Builds the handler app. Tests build it the same way, with their own configuration.</summary>
public static class HubApplication
{
    public const string CustomHandlerPortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // The content root is the app's own folder, and configuration files are read once: by default the host watches the
        // working directory, recursively, for changed settings, and run from a checkout that holds the local PostgreSQL
        // cluster it woke on every write of the database (an eighth of the hub's CPU time at a hundred small batches a second).
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [.. args, "--hostBuilder:reloadConfigOnChange=false"],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddEnvironmentVariables("HUB_");
        var underFunctionsHost = Environment.GetEnvironmentVariable(CustomHandlerPortVariable) is { Length: > 0 } hostPort
            ? hostPort
            : null;
        if (underFunctionsHost is not null)
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{underFunctionsHost}");
        }
        else if (builder.Configuration["urls"] is null)
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{builder.Configuration["PORT"] ?? "7071"}");
        }

        // Four information lines per request would be most of the log (and a measurable cost) at hundreds of small batches a second.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddHubPlatform(builder.Configuration);
        builder.Services.AddHubIntake(builder.Configuration);
        builder.Services.AddSingleton<Intake.Exchange.IExchangeStatuses>(Api.IntakeStatusCodes.Instance);
        builder.Services.AddHubIdentity(builder.Configuration);
        var standaloneTimers = underFunctionsHost is null && builder.Configuration.GetValue("Timers:Enabled", true);
        builder.Services.AddHubEvents(builder.Configuration, runDispatcher: standaloneTimers);
        builder.Services.AddHubLabor(builder.Configuration);
        builder.Services.AddHubGraduates(builder.Configuration);
        builder.Services.AddSingleton<Api.Graduates.GraduateReadAccess>();
        builder.Services.AddSingleton<Api.Graduates.GraduateListAnswer>();
        builder.Services.AddHubOperators(builder.Configuration);
        builder.Services.AddOperatorConsole();
        builder.Services.AddHubPolicy(builder.Configuration);
        builder.Services.AddHubExchangeFlow(builder.Configuration);
        builder.Services.AddHubFederation(builder.Configuration);
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase);
        builder.Services.AddSingleton(_ => FunctionCatalog.Load(FunctionCatalog.LocateRoot(builder.Configuration["FunctionsRoot"])));
        builder.Services.AddHostedService<MigrationService>();
        builder.Services.AddHostedService<Api.Policy.PolicyCatalogueStartup>();
        builder.Services.AddHubFunctions();

        configure?.Invoke(builder);

        // Under the Functions host the host fires the timers; standalone, we do.
        if (standaloneTimers)
        {
            builder.Services.AddHostedService<TimerScheduler>();
        }

        var app = builder.Build();
        var catalog = app.Services.GetRequiredService<FunctionCatalog>();
        var registry = app.Services.GetRequiredService<FunctionRegistry>();
        registry.EnsureMatches(catalog);

        app.UseExceptionHandler();
        app.UseConsoleAlias();
        app.MapHttpFunctions(catalog, registry);
        app.MapFunctionsHostProtocol();
        return app;
    }
}
