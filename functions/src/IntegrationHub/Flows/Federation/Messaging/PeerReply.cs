namespace IntegrationHub.Flows.Federation.Messaging;

/// <summary>A peer's answer: its HTTP status and body; <see cref="Verified"/> when it is a signed reply whose signature,
/// sender, key, time and request hash were checked (refusals come unsigned).</summary>
/// <param name="MessageId">The signed reply's message id (in the message log), when verified.</param>
public sealed record PeerReply(int Status, byte[] Body, bool Verified, string? MessageId = null);

/// <summary>A peer could not be reached (down, timing out, or its circuit open) after the retries.</summary>
public sealed class PeerUnavailableException(string peer, string reason, Exception? inner = null)
    : Exception($"Peer {peer} is unavailable: {reason}", inner)
{
    public string Peer { get; } = peer;
}
