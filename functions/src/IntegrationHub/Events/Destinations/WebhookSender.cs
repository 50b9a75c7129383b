using IntegrationHub.Events.Shaping;
using IntegrationHub.Events.Subscriptions;

namespace IntegrationHub.Events.Destinations;

/// <summary>POSTs one CloudEvent (<c>application/cloudevents+json</c>) or several (<c>application/cloudevents-batch+json</c>,
/// a JSON array), signed; any 2xx is delivered, anything else is retried.</summary>
internal sealed class WebhookSender(DeliveryHttp http, DestinationCircuits circuits, TimeProvider time) : IEventSender
{
    public string Kind => DestinationKind.Webhook;

    public Task<SendOutcome> SendAsync(Subscription subscription, string secret, IReadOnlyList<OutboxEvent> events,
        IReadOnlyList<byte[]> cloudEvents, CancellationToken cancellationToken)
    {
        var url = new Uri(subscription.Destination.Url!);
        var single = cloudEvents.Count == 1;
        var body = single ? cloudEvents[0] : JsonArray(cloudEvents);
        return circuits.SendAsync("webhook " + url.GetLeftPart(UriPartial.Path), async token =>
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue(single ? "application/cloudevents+json" : "application/cloudevents-batch+json");
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
            request.Headers.Add(WebhookSignature.Header, WebhookSignature.Create(secret, time.GetUtcNow().ToUnixTimeSeconds(), body));
            try
            {
                using var response = await http.Client.SendAsync(request, token);
                return response.IsSuccessStatusCode ? SendOutcome.Success : SendOutcome.Failed($"HTTP {(int)response.StatusCode}");
            }
            catch (HttpRequestException e)
            {
                return SendOutcome.Failed(e.InnerException is DestinationForbiddenException forbidden
                    ? $"{DestinationPolicy.Code}: {forbidden.Message}"
                    : e.HttpRequestError.ToString());
            }
        }, cancellationToken);
    }

    internal static byte[] JsonArray(IReadOnlyList<byte[]> items)
    {
        var length = 2 + items.Sum(i => i.Length) + Math.Max(0, items.Count - 1);
        var buffer = new byte[length];
        var at = 0;
        buffer[at++] = (byte)'[';
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                buffer[at++] = (byte)',';
            }

            items[i].CopyTo(buffer, at);
            at += items[i].Length;
        }

        buffer[at] = (byte)']';
        return buffer;
    }
}
