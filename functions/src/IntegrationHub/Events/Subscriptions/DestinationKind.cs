namespace IntegrationHub.Events.Subscriptions;

internal static class DestinationKind
{
    public const string Webhook = "webhook";
    public const string Pull = "pull";
    public const string ServiceBus = "servicebus";

    public static IReadOnlyList<string> All { get; } = [Webhook, Pull, ServiceBus];
}
