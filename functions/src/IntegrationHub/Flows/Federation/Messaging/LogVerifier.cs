using IntegrationHub.Flows.Federation.Signing;
using IntegrationHub.Flows.Federation.Trust;

namespace IntegrationHub.Flows.Federation.Messaging;

/// <summary>Verifies the message log offline: each message's body against its stored hash and its signature against the
/// registered key of its sender (this hub's own keys for what it sent).</summary>
public sealed class LogVerifier
{
    private readonly PeerMessageLog log;
    private readonly TrustSettings trust;

    internal LogVerifier(PeerMessageLog log, TrustSettings trust)
    {
        this.log = log;
        this.trust = trust;
    }

    /// <summary>How many messages verified, and a line for each that did not.</summary>
    public async Task<(int Verified, IReadOnlyList<string> Failures)> VerifyAsync(CancellationToken cancellationToken)
    {
        var verified = 0;
        var failures = new List<string>();
        await foreach (var message in log.ReadAllAsync(cancellationToken))
        {
            var problem = Check(message);
            if (problem is null)
            {
                verified++;
            }
            else
            {
                failures.Add($"seq {message.Seq} ({message.Direction}, {message.Sender}/{message.MessageId}): {problem}");
            }
        }

        return (verified, failures);
    }

    private string? Check(LoggedMessage message)
    {
        if (!SHA256.HashData(message.Body).AsSpan().SequenceEqual(message.BodySha256))
        {
            return "the body does not match its stored hash";
        }

        var jws = DetachedJws.Parse(message.Signature);
        if (jws is null || jws.Header.MessageId != message.MessageId || jws.Header.Sender != message.Sender)
        {
            return "the signature is malformed or names another message";
        }

        var keys = message.Sender == trust.Signer?.Region ? trust.Signer.OwnKeys : trust.Peer(message.Sender)?.Keys;
        var key = keys?.FirstOrDefault(k => k.Id == jws.Header.KeyId);
        if (key is null)
        {
            return $"no registered key {jws.Header.KeyId} of {message.Sender}";
        }

        return DetachedJws.Verify(jws, message.Body, key.PublicKey) ? null : "the signature does not verify";
    }
}
