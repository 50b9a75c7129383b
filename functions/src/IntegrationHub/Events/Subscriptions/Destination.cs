namespace IntegrationHub.Events.Subscriptions;

/// <summary>Where a subscription's events go, without its secret. Webhook: <see cref="Url"/>. Service Bus: the topic
/// <see cref="Topic"/> of <see cref="Namespace"/>, authorized by <see cref="Auth"/> (absent or <c>sas</c>: a SAS token of
/// the rule <see cref="KeyName"/>; <c>entra</c>: the hub's own Entra ID token, no key); <see cref="Endpoint"/> replaces
/// <c>https://{namespace}.servicebus.windows.net</c> as the address requests go to (a private endpoint, a test). Peer hub:
/// <see cref="Region"/>, the peer's region, whose registry entry says where and with what key.</summary>
public sealed record Destination(string Kind, string? Url = null, string? Namespace = null, string? Topic = null,
    string? KeyName = null, string? Endpoint = null, string? Auth = null, string? Region = null)
{
    /// <summary>Whether the destination has a secret the hub must keep: a webhook's, or a Service Bus SAS rule's key.</summary>
    [JsonIgnore]
    public bool HasSecret => Kind == DestinationKind.Webhook || (Kind == DestinationKind.ServiceBus && Auth != ServiceBusAuth.Entra);
}
