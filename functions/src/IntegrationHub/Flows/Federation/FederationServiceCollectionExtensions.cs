namespace IntegrationHub.Flows.Federation;

public static class FederationServiceCollectionExtensions
{
    /// <summary>The federation with peer hubs: trust (keys, peers, agreements), the message log, the peer services.</summary>
    /// <remarks>The configuration is checked when the host starts: a wrong key or peer stops the hub, naming the key.</remarks>
    public static IServiceCollection AddHubFederation(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<Trust.FederationOptions>(configuration.GetSection(Trust.FederationOptions.Section));
        services.AddSingleton(provider => Trust.TrustSettings.From(provider.GetRequiredService<IOptions<Trust.FederationOptions>>()));
        services.AddHostedService<TrustCheck>();
        services.TryAddSingleton<Identity.Published.PersonDirectory>();
        services.TryAddSingleton<Labor.Published.PersonFacts>();
        services.AddHttpClient(Messaging.PeerClient.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<Messaging.PeerMessageLog>();
        services.AddSingleton<Messaging.InboundVerifier>();
        services.AddSingleton<Messaging.MessageSigner>();
        services.AddSingleton<Messaging.PeerCircuits>();
        services.AddSingleton<Messaging.PeerClient>();
        services.AddSingleton<Messaging.IPeerService, Status.StatusService>();
        services.AddSingleton(p => new Messaging.PeerInbox(p.GetRequiredService<Messaging.InboundVerifier>(),
            p.GetRequiredService<Messaging.MessageSigner>(), p.GetServices<Messaging.IPeerService>()));
        services.AddSingleton(p => new Status.StatusAsker(p.GetRequiredService<Messaging.PeerClient>(),
            p.GetRequiredService<Trust.TrustSettings>(), p.GetRequiredService<AuditLog>(), p.GetRequiredService<NpgsqlDataSource>()));
        services.TryAddSingleton<Identity.Published.PersonAdmission>();
        services.AddSingleton<Transfers.TransferDecisions>();
        services.AddSingleton<Messaging.IPeerService, Transfers.TransferPeerService>();
        services.AddSingleton<Messaging.IPeerService, Sharing.PeerEventsService>();
        services.AddSingleton<Events.Destinations.IEventSender, Sharing.PeerEventSender>();
        services.AddSingleton(p => new Transfers.TransferService(p.GetRequiredService<NpgsqlDataSource>(),
            p.GetRequiredService<Trust.TrustSettings>(), p.GetRequiredService<Identity.Published.PersonDirectory>(),
            p.GetRequiredService<Labor.Published.PersonFacts>(), p.GetRequiredService<Labor.Graduates.GraduateFacts>(),
            p.GetRequiredService<Labor.Graduates.GraduateFollowUps>(), p.GetRequiredService<IdentityProtector>(),
            p.GetRequiredService<Transfers.TransferDecisions>(), p.GetRequiredService<AuditLog>(), p.GetRequiredService<HubCalendar>()));
        services.AddSingleton(p => new Transfers.TransferRelay(p.GetRequiredService<NpgsqlDataSource>(),
            p.GetRequiredService<Trust.TrustSettings>(), p.GetRequiredService<Messaging.PeerClient>(),
            p.GetRequiredService<Transfers.TransferDecisions>(), p.GetRequiredService<IdentityProtector>(),
            p.GetRequiredService<TimeProvider>(), p.GetRequiredService<ILogger<Transfers.TransferRelay>>()));
        services.AddSingleton(p => new Triggers.TransferTriggers(new Triggers.TriggerScan(p.GetRequiredService<NpgsqlDataSource>(),
            p.GetRequiredService<Trust.TrustSettings>(), p.GetRequiredService<Identity.Published.PersonDirectory>(),
            p.GetRequiredService<Transfers.TransferService>(), p.GetRequiredService<TimeProvider>(),
            p.GetRequiredService<ILogger<Triggers.TransferTriggers>>())));
        services.AddSingleton(p => new Overview.PeerOverview(new Overview.PeerSurvey(p.GetRequiredService<NpgsqlDataSource>(),
            p.GetRequiredService<Trust.TrustSettings>(), p.GetRequiredService<Messaging.PeerCircuits>(),
            p.GetRequiredService<IHttpClientFactory>())));
        services.AddSingleton(p => new Messaging.LogVerifier(p.GetRequiredService<Messaging.PeerMessageLog>(),
            p.GetRequiredService<Trust.TrustSettings>()));
        return services;
    }

    /// <summary>Builds the trust settings as the host starts (by asking for them), so a bad configuration refuses to start.</summary>
    private sealed class TrustCheck(Trust.TrustSettings settings) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            GC.KeepAlive(settings);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
