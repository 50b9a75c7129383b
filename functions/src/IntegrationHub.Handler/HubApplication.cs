using IntegrationHub.Handler.Api;
using IntegrationHub.Handler.Api.Audit;
using IntegrationHub.Handler.Api.Batches;
using IntegrationHub.Handler.Api.DepartmentExchange;
using IntegrationHub.Flows.Exchange;
using IntegrationHub.Events;
using IntegrationHub.Handler.Api.Events;
using IntegrationHub.Handler.Api.Exchange;
using IntegrationHub.Handler.Api.Federation;
using IntegrationHub.Handler.Api.Feeds;
using IntegrationHub.Handler.Api.Graduates;
using IntegrationHub.Flows.Graduates;
using IntegrationHub.Flows.Federation;
using IntegrationHub.Handler.Api.Queue;
using IntegrationHub.Handler.Api.Health;
using IntegrationHub.Handler.Api.Identity;
using IntegrationHub.Handler.Api.Labor;
using IntegrationHub.Handler.Api.Persons;
using IntegrationHub.Handler.Api.Policy;
using IntegrationHub.Flows.Policy;
using IntegrationHub.Identity;
using IntegrationHub.Handler.Triggers;
using IntegrationHub.Handler.OperatorConsole;
using IntegrationHub.Intake;
using IntegrationHub.Intake.Exchange;
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
        builder.Services.AddSingleton<IExchangeStatuses>(IntakeStatusCodes.Instance);
        builder.Services.AddHubIdentity(builder.Configuration);
        var standaloneTimers = underFunctionsHost is null && builder.Configuration.GetValue("Timers:Enabled", true);
        builder.Services.AddHubEvents(builder.Configuration, runDispatcher: standaloneTimers);
        builder.Services.AddHubLabor(builder.Configuration);
        builder.Services.AddHubGraduates(builder.Configuration);
        builder.Services.AddSingleton<GraduateReadAccess>();
        builder.Services.AddSingleton<GraduateListAnswer>();
        builder.Services.AddHubOperators(builder.Configuration);
        builder.Services.AddOperatorConsole();
        builder.Services.AddHubPolicy(builder.Configuration);
        builder.Services.AddHubExchangeFlow(builder.Configuration);
        builder.Services.AddHubFederation(builder.Configuration);
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase);
        builder.Services.AddSingleton(_ => FunctionCatalog.Load(FunctionCatalog.LocateRoot(builder.Configuration["FunctionsRoot"])));
        builder.Services.AddHostedService<MigrationService>();
        builder.Services.AddHostedService<PolicyCatalogueStartup>();
        builder.Services
            .AddFunction<HealthFunction>("Health")
            .AddFunction<AuditChainCheckFunction>("AuditChainCheck")
            .AddFunction<SealAuditFunction>("SealAudit")
            .AddFunction<SubmitFeedFunction>("SubmitFeed")
            .AddFunction<BatchReportFunction>("BatchReport")
            .AddFunction<RejectedRecordsFunction>("RejectedRecords")
            .AddFunction<ExchangeInboxFunction>("ExchangeInbox")
            .AddFunction<LinkRecordsFunction>("LinkRecords")
            .AddFunction<FitMatchModelFunction>("FitMatchModel")
            .AddFunction<ExportLinksFunction>("ExportLinks")
            .AddFunction<IdentityStatusFunction>("IdentityStatus")
            .AddFunction<ReviewListFunction>("ReviewList")
            .AddFunction<ReviewDecisionFunction>("ReviewDecision")
            .AddFunction<PersonActionFunction>("PersonAction")
            .AddFunction<PersonSearchFunction>("PersonSearch")
            .AddFunction<PersonReadFunction>("PersonRead")
            .AddFunction<PersonEventsFunction>("PersonEvents")
            .AddFunction<RecordPersonFunction>("RecordPerson")
            .AddFunction<LinkExplanationFunction>("LinkExplanation")
            .AddFunction<SubscriptionsFunction>("Subscriptions")
            .AddFunction<SubscriptionRedriveFunction>("SubscriptionRedrive")
            .AddFunction<PullEventsFunction>("PullEvents")
            .AddFunction<AcknowledgeEventsFunction>("AcknowledgeEvents")
            .AddFunction<DispatchEventsFunction>("DispatchEvents")
            .AddFunction<LaborFactsFunction>("LaborFacts")
            .AddFunction<GraduateLedgerFunction>("GraduateLedger")
            .AddFunction<GraduateIndicatorsFunction>("GraduateIndicators")
            .AddFunction<GraduateRatingsFunction>("GraduateRatings")
            .AddFunction<EduGraduateVerificationFunction>("EduGraduateVerification")
            .AddFunction<ExportGraduateVerificationFunction>("ExportGraduateVerification")
            .AddFunction<PoliciesFunction>("Policies")
            .AddFunction<PolicyDecisionFunction>("PolicyDecision")
            .AddFunction<PolicySimulateFunction>("PolicySimulate")
            .AddFunction<PolicyDecisionsFunction>("PolicyDecisions")
            .AddFunction<DepartmentFindingsFunction>("DepartmentFindings")
            .AddFunction<AcknowledgeFindingsFunction>("AcknowledgeFindings")
            .AddFunction<DepartmentQualityFunction>("DepartmentQuality")
            .AddFunction<MonitoredEnterprisesFunction>("MonitoredEnterprises")
            .AddFunction<LayoffWarningsFunction>("LayoffWarnings")
            .AddFunction<EmployerMonthsFunction>("EmployerMonths")
            .AddFunction<MonthlyIndicatorsFunction>("MonthlyIndicators")
            .AddFunction<ExchangeFindingsFunction>("ExchangeFindings")
            .AddFunction<ExchangeDeliveriesFunction>("ExchangeDeliveries")
            .AddFunction<PeerMessageFunction>("PeerMessage")
            .AddFunction<PeerStatusFunction>("PeerStatus")
            .AddFunction<TransfersFunction>("Transfers")
            .AddFunction<TransferFunction>("Transfer")
            .AddFunction<TransferDecisionFunction>("TransferDecision")
            .AddFunction<TransferRelayFunction>("TransferRelay")
            .AddFunction<PeersFunction>("Peers")
            .AddFunction<TransferTriggersFunction>("TransferTriggers");
        foreach (var department in Departments.All)
        {
            builder.Services.AddFunction<QueueIntakeFunction>("QueueIntake" + char.ToUpperInvariant(department[0]) + department[1..]);
        }

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
