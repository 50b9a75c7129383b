namespace IntegrationHub.Events.Subscriptions;

/// <summary>Where a subscription's events go, without its secret. Webhook: <see cref="Url"/>. Service Bus: the topic
/// <see cref="Topic"/> of <see cref="Namespace"/>, signed with the SAS rule <see cref="KeyName"/>; <see cref="Endpoint"/>
/// replaces <c>https://{namespace}.servicebus.windows.net</c> as the address requests go to (a private endpoint, a test).</summary>
public sealed record Destination(string Kind, string? Url = null, string? Namespace = null, string? Topic = null,
    string? KeyName = null, string? Endpoint = null);
