namespace IntegrationHub.Flows.Federation.Trust;

/// <summary>A public signing key of a hub and the time it is valid in (either end open when null).</summary>
internal sealed record PeerKey(string Id, ECDsa PublicKey, DateTimeOffset? NotBefore, DateTimeOffset? NotAfter)
{
    public bool ValidAt(DateTimeOffset at) => (NotBefore is null || at >= NotBefore) && (NotAfter is null || at < NotAfter);
}
