using IntegrationHub.Events.Destinations;
using IntegrationHub.Events.Shaping;
using IntegrationHub.Events.Subscriptions;
using IntegrationHub.Flows.Federation.Messaging;
using IntegrationHub.Flows.Federation.Trust;
using IntegrationHub.Identity;
using IntegrationHub.Identity.Published;

namespace IntegrationHub.Flows.Federation.Sharing;

/// <summary>
/// The dispatcher's sender for <c>peer</c> destinations: of a batch of shaped CloudEvents, those about persons whose
/// household registration (hukou) is in the peer's province go to the peer, signed, as one <c>events</c> message, their
/// data cut to the fields the agreement gives the peer; the others are done with (the peer may not have them).
/// </summary>
internal sealed class PeerEventSender(TrustSettings trust, PeerClient client, PersonDirectory persons) : IEventSender
{
    /// <summary>The agreement's field that lets every field the subscription grants through.</summary>
    public const string AllFields = "*";

    public string Kind => "peer";

    public async Task<SendOutcome> SendAsync(Subscription subscription, string secret, IReadOnlyList<OutboxEvent> events,
        IReadOnlyList<byte[]> cloudEvents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(cloudEvents);
        var region = subscription.Destination.Region;
        if (region is null || trust.Peer(region) is not { } peer)
        {
            return SendOutcome.Failed($"{region} is not a registered peer");
        }

        var allowed = peer.FieldsOf(PeerServices.Events);
        var batch = new JsonArray();
        for (var i = 0; i < events.Count; i++)
        {
            if (!await HukouInAsync(events[i].Subject, region, cancellationToken))
            {
                continue;
            }

            var cloudEvent = JsonNode.Parse(cloudEvents[i])!.AsObject();
            if (!allowed.Contains(AllFields) && cloudEvent["data"] is JsonObject data)
            {
                foreach (var field in data.Select(f => f.Key).Where(f => !allowed.Contains(f)).ToList())
                {
                    data.Remove(field);
                }
            }

            batch.Add(cloudEvent);
        }

        if (batch.Count == 0)
        {
            return SendOutcome.Success;
        }

        try
        {
            var reply = await client.SendAsync(region, PeerServices.Events, JsonSerializer.SerializeToUtf8Bytes(batch), cancellationToken);
            return reply.Verified ? SendOutcome.Success : SendOutcome.Failed($"the peer answered {reply.Status}");
        }
        catch (PeerUnavailableException down)
        {
            return SendOutcome.Failed(down.Message);
        }
        catch (PeerRefusalException badReply)
        {
            return SendOutcome.Failed("the peer's reply was refused: " + badReply.Code);
        }
    }

    /// <summary>Whether the person's hukou region (GB/T 2260) is in the peer's province (the same first two digits).</summary>
    private async Task<bool> HukouInAsync(string subject, string region, CancellationToken cancellationToken)
    {
        if (!PersonId.TryParse(subject, out var person) || await persons.ReadGoldenAsync(person, cancellationToken) is not { } golden)
        {
            return false;
        }

        return golden["hukouRegion"]?["value"] is JsonValue value && value.TryGetValue<string>(out var hukou) && hukou.Length >= 2
            && hukou.AsSpan(0, 2).SequenceEqual(region.AsSpan(0, 2));
    }
}
