using IntegrationHub.Events.Backfill;
using IntegrationHub.Events.Destinations;
using IntegrationHub.Events.Dispatch;
using IntegrationHub.Events.Pull;
using IntegrationHub.Events.Shaping;
using IntegrationHub.Events.Subscriptions;
using IntegrationHub.Labor.Published;

namespace IntegrationHub.Events;

public static class EventsServiceCollectionExtensions
{
    /// <summary>Subscriptions, shaping, the senders and the dispatcher. <paramref name="runDispatcher"/>: also run it as a
    /// hosted service (standalone); on Azure its timer function runs it.</summary>
    public static IServiceCollection AddHubEvents(this IServiceCollection services, IConfiguration configuration, bool runDispatcher)
    {
        services.Configure<EventsOptions>(configuration.GetSection(EventsOptions.Section));
        services.AddSingleton<SubscriptionStore>();
        services.AddSingleton<Pseudonyms>();
        services.AddSingleton<EventShaper>();
        services.AddSingleton(provider => DestinationPolicy.From(provider.GetRequiredService<IOptions<EventsOptions>>(),
            provider.GetRequiredService<IHostEnvironment>()));
        services.AddSingleton<DeliveryHttp>();
        services.AddSingleton<DestinationCircuits>();
        services.AddSingleton<IEventSender, WebhookSender>();
        // The hub's own identity for Service Bus destinations with auth entra; one registered later (a test's) wins.
        services.TryAddSingleton<TokenCredential>(_ => new DefaultAzureCredential());
        services.AddSingleton<EntraTokens>();
        services.AddSingleton<IEventSender, ServiceBusSender>();
        services.AddSingleton<DeliveryQueue>();
        services.AddSingleton<Dispatcher>();
        services.AddSingleton<Redrive>();
        services.AddSingleton<PullFeed>();
        services.AddSingleton<Lookup.PersonEventReader>();
        // The labor facts' current state for a subscription's backfill, a source per kind (the flows register their own).
        foreach (var facts in OpenFactEvents.All)
        {
            services.AddSingleton<ISnapshotSource>(p => new LaborSnapshot(facts, p.GetRequiredService<HubCalendar>()));
        }

        var hosted = runDispatcher && configuration.GetValue($"{EventsOptions.Section}:{nameof(EventsOptions.DispatcherEnabled)}", true);
        services.AddSingleton(new DispatcherActivity(hosted));
        if (hosted)
        {
            services.AddHostedService<DispatcherService>();
        }

        return services;
    }
}
