using IntegrationHub.Flows.Federation.Signing;
using IntegrationHub.Flows.Federation.Trust;

namespace IntegrationHub.Flows.Federation.Messaging;

/// <summary>Calls a peer's service: signs and logs the request, sends it through the peer's Polly pipeline, verifies and
/// logs the signed reply.</summary>
/// <remarks>Each attempt is a message of its own (a new id): a retried request whose first attempt did arrive would
/// otherwise be refused as a replay. What makes a retried act happen once is the service's own key (a transfer's id).</remarks>
internal sealed class PeerClient(TrustSettings trust, MessageSigner signer, InboundVerifier verifier, PeerCircuits circuits,
    IHttpClientFactory httpClients)
{
    public const string HttpClientName = "peer";

    public async Task<PeerReply> SendAsync(string peerRegion, string service, byte[] body, CancellationToken cancellationToken)
    {
        var peer = trust.Peer(peerRegion) ?? throw new InvalidOperationException($"{peerRegion} is not a registered peer.");
        try
        {
            return await circuits.For(peer.Region).ExecuteAsync(async token => await AttemptAsync(peer, service, body, token),
                cancellationToken);
        }
        catch (BrokenCircuitException open)
        {
            throw new PeerUnavailableException(peer.Region, "its circuit is open after repeated failures", open);
        }
        catch (TimeoutRejectedException timeout)
        {
            throw new PeerUnavailableException(peer.Region, "no answer in time", timeout);
        }
        catch (HttpRequestException failed)
        {
            throw new PeerUnavailableException(peer.Region, failed.Message, failed);
        }
    }

    private async Task<PeerReply> AttemptAsync(Peer peer, string service, byte[] body, CancellationToken cancellationToken)
    {
        var signed = await signer.SignAsync(peer.Region, service, body, requestHash: null, cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(peer.BaseUrl, $"api/peer/{service}"))
        {
            Content = new ByteArrayContent(signed.Body),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add(PeerHeaders.Signature, signed.Signature);
        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        var replyBody = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var status = (int)response.StatusCode;
        if (!response.IsSuccessStatusCode)
        {
            return new PeerReply(status, replyBody, Verified: false);
        }

        var replySignature = response.Headers.TryGetValues(PeerHeaders.Signature, out var values) ? values.FirstOrDefault() : null;
        var expected = RequestHash.Of(DetachedJws.Parse(signed.Signature)!.EncodedHeader, signed.Body);
        var verified = await verifier.VerifyAsync(service, replySignature, replyBody, expected, cancellationToken);
        return new PeerReply(status, replyBody, Verified: true, verified.Jws.Header.MessageId);
    }
}
