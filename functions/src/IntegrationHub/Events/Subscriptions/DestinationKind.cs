namespace IntegrationHub.Events.Subscriptions;

internal static class DestinationKind
{
    public const string Webhook = "webhook";
    public const string Pull = "pull";
    public const string ServiceBus = "servicebus";

    /// <summary>A peer hub (the federation's sender signs and sends; the peer's region in <c>region</c>).</summary>
    public const string Peer = "peer";

    public static IReadOnlyList<string> All { get; } = [Webhook, Pull, ServiceBus, Peer];
}
