namespace IntegrationHub.Handler;

/// <summary>The functions the hub serves, each under its name in the Functions host's catalogue (its folder under
/// <c>functions/</c>); <see cref="FunctionRegistry.EnsureMatches"/> checks the two agree when the app is built.</summary>
internal static class HubFunctions
{
    public static IServiceCollection AddHubFunctions(this IServiceCollection services)
    {
        services
            .AddFunction<Api.Health.HealthFunction>("Health")
            .AddFunction<Api.Audit.AuditChainCheckFunction>("AuditChainCheck")
            .AddFunction<Api.Audit.SealAuditFunction>("SealAudit")
            .AddFunction<Api.Feeds.SubmitFeedFunction>("SubmitFeed")
            .AddFunction<Api.Batches.BatchReportFunction>("BatchReport")
            .AddFunction<Api.Batches.RejectedRecordsFunction>("RejectedRecords")
            .AddFunction<Api.Exchange.ExchangeInboxFunction>("ExchangeInbox")
            .AddFunction<Api.Identity.LinkRecordsFunction>("LinkRecords")
            .AddFunction<Api.Identity.FitMatchModelFunction>("FitMatchModel")
            .AddFunction<Api.Identity.ExportLinksFunction>("ExportLinks")
            .AddFunction<Api.Identity.IdentityStatusFunction>("IdentityStatus")
            .AddFunction<Api.Identity.ReviewListFunction>("ReviewList")
            .AddFunction<Api.Identity.ReviewDecisionFunction>("ReviewDecision")
            .AddFunction<Api.Identity.PersonActionFunction>("PersonAction")
            .AddFunction<Api.Persons.PersonSearchFunction>("PersonSearch")
            .AddFunction<Api.Persons.PersonReadFunction>("PersonRead")
            .AddFunction<Api.Persons.PersonEventsFunction>("PersonEvents")
            .AddFunction<Api.Persons.RecordPersonFunction>("RecordPerson")
            .AddFunction<Api.Identity.LinkExplanationFunction>("LinkExplanation")
            .AddFunction<Api.Events.SubscriptionsFunction>("Subscriptions")
            .AddFunction<Api.Events.SubscriptionRedriveFunction>("SubscriptionRedrive")
            .AddFunction<Api.Events.PullEventsFunction>("PullEvents")
            .AddFunction<Api.Events.AcknowledgeEventsFunction>("AcknowledgeEvents")
            .AddFunction<Api.Events.DispatchEventsFunction>("DispatchEvents")
            .AddFunction<Api.Labor.LaborFactsFunction>("LaborFacts")
            .AddFunction<Api.Graduates.GraduateLedgerFunction>("GraduateLedger")
            .AddFunction<Api.Graduates.GraduateIndicatorsFunction>("GraduateIndicators")
            .AddFunction<Api.Graduates.GraduateRatingsFunction>("GraduateRatings")
            .AddFunction<Api.Graduates.EduGraduateVerificationFunction>("EduGraduateVerification")
            .AddFunction<Api.Graduates.ExportGraduateVerificationFunction>("ExportGraduateVerification")
            .AddFunction<Api.Policy.PoliciesFunction>("Policies")
            .AddFunction<Api.Policy.PolicyDecisionFunction>("PolicyDecision")
            .AddFunction<Api.Policy.PolicySimulateFunction>("PolicySimulate")
            .AddFunction<Api.Policy.PolicyDecisionsFunction>("PolicyDecisions")
            .AddFunction<Api.DepartmentExchange.DepartmentFindingsFunction>("DepartmentFindings")
            .AddFunction<Api.DepartmentExchange.AcknowledgeFindingsFunction>("AcknowledgeFindings")
            .AddFunction<Api.DepartmentExchange.DepartmentQualityFunction>("DepartmentQuality")
            .AddFunction<Api.DepartmentExchange.MonitoredEnterprisesFunction>("MonitoredEnterprises")
            .AddFunction<Api.DepartmentExchange.LayoffWarningsFunction>("LayoffWarnings")
            .AddFunction<Api.DepartmentExchange.EmployerMonthsFunction>("EmployerMonths")
            .AddFunction<Api.DepartmentExchange.MonthlyIndicatorsFunction>("MonthlyIndicators")
            .AddFunction<Api.DepartmentExchange.ExchangeFindingsFunction>("ExchangeFindings")
            .AddFunction<Api.DepartmentExchange.ExchangeDeliveriesFunction>("ExchangeDeliveries")
            .AddFunction<Api.Federation.PeerMessageFunction>("PeerMessage")
            .AddFunction<Api.Federation.PeerStatusFunction>("PeerStatus")
            .AddFunction<Api.Federation.TransfersFunction>("Transfers")
            .AddFunction<Api.Federation.TransferFunction>("Transfer")
            .AddFunction<Api.Federation.TransferDecisionFunction>("TransferDecision")
            .AddFunction<Api.Federation.TransferRelayFunction>("TransferRelay")
            .AddFunction<Api.Federation.PeersFunction>("Peers")
            .AddFunction<Api.Federation.TransferTriggersFunction>("TransferTriggers");
        foreach (var department in Departments.All)
        {
            services.AddFunction<Api.Queue.QueueIntakeFunction>("QueueIntake" + char.ToUpperInvariant(department[0]) + department[1..]);
        }

        return services;
    }
}
