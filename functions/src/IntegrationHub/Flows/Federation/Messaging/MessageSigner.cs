using IntegrationHub.Flows.Federation.Signing;
using IntegrationHub.Flows.Federation.Trust;

namespace IntegrationHub.Flows.Federation.Messaging;

/// <summary>Signs this hub's outbound messages (requests and replies) and logs each one before it leaves.</summary>
internal sealed class MessageSigner(TrustSettings trust, PeerMessageLog log, TimeProvider time)
{
    public async Task<SignedMessage> SignAsync(string receiver, string service, byte[] body, string? requestHash,
        CancellationToken cancellationToken)
    {
        var signer = trust.Signer ?? throw new InvalidOperationException("Federation is off: Federation:Region is not configured.");
        var header = new MessageHeader(Guid.NewGuid().ToString("N"), signer.Region, receiver, service, time.GetUtcNow(), signer.KeyId,
            requestHash);
        var signature = DetachedJws.Sign(header, body, signer.PrivateKey);
        var parsed = DetachedJws.Parse(signature)!;
        await log.TryAppendAsync("out", parsed, signature, body, cancellationToken);
        return new SignedMessage(body, signature);
    }
}
