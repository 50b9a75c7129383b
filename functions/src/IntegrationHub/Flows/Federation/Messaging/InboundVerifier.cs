using IntegrationHub.Flows.Federation.Signing;
using IntegrationHub.Flows.Federation.Trust;

namespace IntegrationHub.Flows.Federation.Messaging;

/// <summary>Checks a peer's signed message before anything reads its body; throws <see cref="PeerRefusalException"/>.</summary>
/// <remarks>
/// The order matters: the signature is checked against the sender's registered key before the time and the agreement,
/// so nothing an unsigned or forged message says is believed; the replay guard (the log's unique constraint) comes last,
/// so that only an authentic, timely, agreed message is logged as received.
/// </remarks>
internal sealed class InboundVerifier(TrustSettings trust, PeerMessageLog log, TimeProvider time)
{
    public async Task<VerifiedMessage> VerifyAsync(string service, string? signature, ReadOnlyMemory<byte> body, string? requestHash,
        CancellationToken cancellationToken)
    {
        var signer = trust.Signer ?? throw new PeerRefusalException(PeerRefusalKind.FederationOff, "federation-off",
            "This hub has no federation configured.");
        var jws = Check(signer, signature, body.Span, requestHash);
        if (jws.Header.Service != service)
        {
            throw new PeerRefusalException(PeerRefusalKind.BadSignature, "service-mismatch",
                $"The message is signed for service {jws.Header.Service}, not {service}.");
        }

        var peer = trust.Peer(jws.Header.Sender)!;
        if (requestHash is null && !peer.MayCall(service))
        {
            throw new PeerRefusalException(PeerRefusalKind.NotAgreed, "service-not-agreed",
                $"The agreement with {peer.Region} does not include the service {service}.");
        }

        if (!await log.TryAppendAsync("in", jws, signature!, body, cancellationToken))
        {
            throw new PeerRefusalException(PeerRefusalKind.Replay, "replayed-message",
                $"Message {jws.Header.MessageId} from {peer.Region} was received before.");
        }

        return new VerifiedMessage(peer, jws, body);
    }

    private ParsedJws Check(HubSigner signer, string? signature, ReadOnlySpan<byte> body, string? requestHash)
    {
        if (string.IsNullOrEmpty(signature))
        {
            throw new PeerRefusalException(PeerRefusalKind.BadSignature, "missing-signature",
                $"A peer message carries its detached JWS in the {PeerHeaders.Signature} header.");
        }

        var jws = DetachedJws.Parse(signature) ?? throw new PeerRefusalException(PeerRefusalKind.BadSignature, "malformed-signature",
            "The signature is not a detached ES256 JWS with b64=false and the message's header parameters.");
        var header = jws.Header;
        if (trust.Peer(header.Sender) is not { } peer)
        {
            throw new PeerRefusalException(PeerRefusalKind.UnknownSender, "unknown-sender", $"{header.Sender} is not a registered peer.");
        }

        if (header.Receiver != signer.Region)
        {
            throw new PeerRefusalException(PeerRefusalKind.UnknownSender, "wrong-receiver",
                $"The message is addressed to {header.Receiver}, and this hub is {signer.Region}.");
        }

        var key = peer.Key(header.KeyId) ?? throw new PeerRefusalException(PeerRefusalKind.KeyNotValid, "unknown-key",
            $"{header.KeyId} is not a registered key of {peer.Region}.");
        if (!key.ValidAt(header.Timestamp))
        {
            throw new PeerRefusalException(PeerRefusalKind.KeyNotValid, "key-outside-validity",
                $"Key {key.Id} of {peer.Region} is not valid at the message's time.");
        }

        if (!DetachedJws.Verify(jws, body, key.PublicKey))
        {
            throw new PeerRefusalException(PeerRefusalKind.BadSignature, "bad-signature",
                "The signature does not verify over this header and body with the sender's key.");
        }

        var skew = (time.GetUtcNow() - header.Timestamp).Duration();
        if (skew > trust.Options.ClockSkew)
        {
            throw new PeerRefusalException(PeerRefusalKind.OutsideWindow, "timestamp-outside-window",
                $"The message's time is {skew.TotalSeconds:0} s from this hub's clock; at most {trust.Options.ClockSkew.TotalSeconds:0} s is accepted.");
        }

        if (requestHash is not null && header.RequestHash != requestHash)
        {
            throw new PeerRefusalException(PeerRefusalKind.BadSignature, "request-hash-mismatch",
                "The reply does not answer the request it came back to (its requestHash differs).");
        }

        return jws;
    }
}

/// <summary>A peer's message whose signature, sender, key, time, agreement and freshness were checked, and which is logged.</summary>
internal sealed record VerifiedMessage(Peer Peer, ParsedJws Jws, ReadOnlyMemory<byte> Body)
{
    /// <summary>The body as the JSON node a service takes (an object, an array). JSON that is not well-formed or repeats a
    /// member, or a node of another kind, is refused with <paramref name="bad"/> (given the pointer and the message).</summary>
    public TNode BodyAs<TNode>(Func<string, string, PeerRefusalException> bad, string expected)
        where TNode : JsonNode
    {
        try
        {
            return JsonNode.Parse(Body.Span, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }) as TNode
                ?? throw bad("", expected);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            throw bad("", "The body is not well-formed JSON.");
        }
    }
}

/// <summary>The HTTP headers of the peer interface.</summary>
public static class PeerHeaders
{
    /// <summary>The detached JWS over the body, on every request and reply between hubs.</summary>
    public const string Signature = "X-Hub-Signature";
}
