using IntegrationHub.Flows.Federation.Signing;

namespace IntegrationHub.Flows.Federation.Messaging;

/// <summary>The peer interface's one entry: verifies a peer's message, lets its service answer and signs the reply.</summary>
public sealed class PeerInbox
{
    private readonly InboundVerifier verifier;
    private readonly MessageSigner signer;
    private readonly Dictionary<string, IPeerService> services;

    internal PeerInbox(InboundVerifier verifier, MessageSigner signer, IEnumerable<IPeerService> services)
    {
        this.verifier = verifier;
        this.signer = signer;
        this.services = services.ToDictionary(s => s.Name, StringComparer.Ordinal);
    }

    /// <summary>The signed reply; throws <see cref="PeerRefusalException"/> when the message is refused.</summary>
    public async Task<SignedMessage> ReceiveAsync(string service, string? signature, byte[] body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        // Who is asking is established before what they ask for: an unsigned message learns nothing of the services.
        var message = await verifier.VerifyAsync(service, signature, body, requestHash: null, cancellationToken);
        if (!services.TryGetValue(service, out var handler))
        {
            throw new PeerRefusalException(PeerRefusalKind.NotAgreed, "unknown-service", $"This hub offers no service {service}.");
        }

        var reply = await handler.AnswerAsync(message, cancellationToken);
        return await signer.SignAsync(message.Peer.Region, service, reply, RequestHash.Of(message.Jws.EncodedHeader, body),
            cancellationToken);
    }
}
