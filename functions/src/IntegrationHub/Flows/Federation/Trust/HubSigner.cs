namespace IntegrationHub.Flows.Federation.Trust;

/// <summary>This hub's identity: its region and the private key it signs every outbound message with.</summary>
internal sealed record HubSigner(string Region, string KeyId, ECDsa PrivateKey)
{
    /// <summary>This hub's own public keys, current and earlier, to verify what it signed (the message log, offline).</summary>
    public required IReadOnlyList<PeerKey> OwnKeys { get; init; }
}
