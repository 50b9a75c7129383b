using Azure;
using IntegrationHub.Events.Shaping;
using IntegrationHub.Events.Subscriptions;

namespace IntegrationHub.Events.Destinations;

/// <summary>
/// Sends to a Service Bus topic through the REST API's Send Message Batch: POST
/// <c>https://{namespace}.servicebus.windows.net/{topic}/messages</c>, <c>application/vnd.microsoft.servicebus.json</c>,
/// a JSON array of messages whose Body is the CloudEvent and whose BrokerProperties carry MessageId = event id (the
/// broker's duplicate detection drops a re-send) and SessionId = person id (per-person order for session receivers).
/// Authorized by a SAS token of the subscription's rule, valid for an hour, or (auth entra) by the hub's own Entra ID
/// token as <c>Authorization: Bearer</c>. 201 is success.
/// </summary>
internal sealed class ServiceBusSender(DeliveryHttp http, DestinationCircuits circuits, EntraTokens entra, TimeProvider time) : IEventSender
{
    public const string ContentType = "application/vnd.microsoft.servicebus.json";
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(1);

    public string Kind => DestinationKind.ServiceBus;

    public static string ResourceUri(Destination destination) =>
        $"https://{destination.Namespace!.ToLowerInvariant()}.servicebus.windows.net/{destination.Topic}";

    public Task<SendOutcome> SendAsync(Subscription subscription, string secret, IReadOnlyList<OutboxEvent> events,
        IReadOnlyList<byte[]> cloudEvents, CancellationToken cancellationToken)
    {
        var destination = subscription.Destination;
        var resource = ResourceUri(destination);
        var baseAddress = destination.Endpoint is { Length: > 0 } endpoint
            ? endpoint.TrimEnd('/') + "/" + destination.Topic
            : resource;
        var url = new Uri(baseAddress + "/messages");
        var body = Body(events, cloudEvents);
        return circuits.SendAsync("servicebus " + resource, async token =>
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue(ContentType);
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
            request.Headers.Host = new Uri(resource).Host;
            try
            {
                request.Headers.TryAddWithoutValidation("Authorization", destination.Auth == ServiceBusAuth.Entra
                    ? "Bearer " + await entra.GetAsync(token)
                    : SasToken.Create(resource, destination.KeyName!, secret, (time.GetUtcNow() + TokenLifetime).ToUnixTimeSeconds()));
                using var response = await http.Client.SendAsync(request, token);
                return response.IsSuccessStatusCode ? SendOutcome.Success : SendOutcome.Failed($"HTTP {(int)response.StatusCode}");
            }
            catch (HttpRequestException e)
            {
                return SendOutcome.Failed(e.InnerException is DestinationForbiddenException forbidden
                    ? $"{DestinationPolicy.Code}: {forbidden.Message}"
                    : e.HttpRequestError.ToString());
            }
            catch (AuthenticationFailedException)
            {
                // Also CredentialUnavailableException. The message may name the environment's identity set-up: kept out of
                // last_error, which is about the destination.
                return SendOutcome.Failed("Entra ID token unavailable");
            }
            catch (RequestFailedException e)
            {
                return SendOutcome.Failed($"Entra ID token request failed ({e.Status})");
            }
        }, cancellationToken);
    }

    private static byte[] Body(IReadOnlyList<OutboxEvent> events, IReadOnlyList<byte[]> cloudEvents)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            for (var i = 0; i < events.Count; i++)
            {
                writer.WriteStartObject();
                writer.WriteString("Body", Encoding.UTF8.GetString(cloudEvents[i]));
                writer.WriteStartObject("BrokerProperties");
                writer.WriteString("MessageId", events[i].EventId.ToString("D"));
                writer.WriteString("SessionId", events[i].Subject);
                writer.WriteString("ContentType", "application/cloudevents+json");
                writer.WriteEndObject();
                writer.WriteStartObject("UserProperties");
                writer.WriteString("cloudEvents:type", events[i].Type);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return buffer.ToArray();
    }
}
