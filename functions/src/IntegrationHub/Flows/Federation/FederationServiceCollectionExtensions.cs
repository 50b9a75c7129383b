using IntegrationHub.Flows.Federation.Messaging;
using IntegrationHub.Flows.Federation.Sharing;
using IntegrationHub.Flows.Federation.Status;
using IntegrationHub.Flows.Federation.Transfers;
using IntegrationHub.Flows.Federation.Trust;
using IntegrationHub.Identity.Published;
using IntegrationHub.Labor.Published;

namespace IntegrationHub.Flows.Federation;

public static class FederationServiceCollectionExtensions
{
    /// <summary>The federation with peer hubs: trust (keys, peers, agreements), the message log, the peer services.</summary>
    /// <remarks>The configuration is checked when the host starts: a wrong key or peer stops the hub, naming the key.</remarks>
    public static IServiceCollection AddHubFederation(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<FederationOptions>(configuration.GetSection(FederationOptions.Section));
        services.AddSingleton(provider => TrustSettings.From(provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<FederationOptions>>()));
        services.AddHostedService<TrustCheck>();
        services.TryAddSingleton<PersonDirectory>();
        services.TryAddSingleton<PersonFacts>();
        services.AddHttpClient(PeerClient.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<PeerMessageLog>();
        services.AddSingleton<InboundVerifier>();
        services.AddSingleton<MessageSigner>();
        services.AddSingleton<PeerCircuits>();
        services.AddSingleton<PeerClient>();
        services.AddSingleton<IPeerService, StatusService>();
        services.AddSingleton(p => new PeerInbox(p.GetRequiredService<InboundVerifier>(), p.GetRequiredService<MessageSigner>(),
            p.GetServices<IPeerService>()));
        services.AddSingleton(p => new StatusAsker(p.GetRequiredService<PeerClient>(), p.GetRequiredService<TrustSettings>(),
            p.GetRequiredService<IntegrationHub.Platform.Audit.AuditLog>(), p.GetRequiredService<Npgsql.NpgsqlDataSource>()));
        services.TryAddSingleton<PersonAdmission>();
        services.AddSingleton<TransferDecisions>();
        services.AddSingleton<IPeerService, TransferPeerService>();
        services.AddSingleton<IPeerService, PeerEventsService>();
        services.AddSingleton<IntegrationHub.Events.Destinations.IEventSender, PeerEventSender>();
        services.AddSingleton(p => new TransferService(p.GetRequiredService<Npgsql.NpgsqlDataSource>(), p.GetRequiredService<TrustSettings>(),
            p.GetRequiredService<PersonDirectory>(), p.GetRequiredService<PersonFacts>(),
            p.GetRequiredService<IntegrationHub.Labor.Graduates.GraduateFacts>(), p.GetRequiredService<IntegrationHub.Labor.Graduates.GraduateFollowUps>(),
            p.GetRequiredService<IntegrationHub.Platform.Protection.IdentityProtector>(), p.GetRequiredService<TransferDecisions>(),
            p.GetRequiredService<IntegrationHub.Platform.Audit.AuditLog>(), p.GetRequiredService<IntegrationHub.Platform.Time.HubCalendar>()));
        services.AddSingleton(p => new TransferRelay(p.GetRequiredService<Npgsql.NpgsqlDataSource>(), p.GetRequiredService<TrustSettings>(),
            p.GetRequiredService<PeerClient>(), p.GetRequiredService<TransferDecisions>(),
            p.GetRequiredService<IntegrationHub.Platform.Protection.IdentityProtector>(), p.GetRequiredService<TimeProvider>(),
            p.GetRequiredService<Microsoft.Extensions.Logging.ILogger<TransferRelay>>()));
        services.AddSingleton(p => new Triggers.TransferTriggers(new Triggers.TriggerScan(p.GetRequiredService<Npgsql.NpgsqlDataSource>(),
            p.GetRequiredService<TrustSettings>(), p.GetRequiredService<PersonDirectory>(), p.GetRequiredService<TransferService>(),
            p.GetRequiredService<TimeProvider>(), p.GetRequiredService<Microsoft.Extensions.Logging.ILogger<Triggers.TransferTriggers>>())));
        services.AddSingleton(p => new Overview.PeerOverview(new Overview.PeerSurvey(p.GetRequiredService<Npgsql.NpgsqlDataSource>(),
            p.GetRequiredService<TrustSettings>(), p.GetRequiredService<PeerCircuits>(), p.GetRequiredService<IHttpClientFactory>())));
        services.AddSingleton(p => new LogVerifier(p.GetRequiredService<PeerMessageLog>(), p.GetRequiredService<TrustSettings>()));
        return services;
    }

    /// <summary>Builds the trust settings as the host starts (by asking for them), so a bad configuration refuses to start.</summary>
    private sealed class TrustCheck(TrustSettings settings) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            GC.KeepAlive(settings);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
