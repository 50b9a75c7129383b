namespace IntegrationHub.Flows.Federation.Trust;

/// <summary>Configuration of the federation (<c>Federation:*</c>): this hub's identity and key, and its peers.</summary>
/// <remarks>
/// The private key comes from configuration, which on Azure is a Key Vault reference in the app settings and locally an
/// environment variable: it is never written to the database. With no <see cref="Region"/> the hub federates with nobody
/// and the peer endpoints answer that federation is off.
/// </remarks>
public sealed class FederationOptions
{
    public const string Section = "Federation";

    /// <summary>This hub's region code (GB/T 2260, six digits): <c>500000</c> Chongqing, <c>510000</c> Sichuan.</summary>
    public string? Region { get; set; }

    /// <summary>Base64 of the ECDSA P-256 private key (PKCS#8 DER).</summary>
    public string? SigningKey { get; set; }

    /// <summary>The id of the signing key (JWS <c>kid</c>), under which peers register its public half.</summary>
    public string? SigningKeyId { get; set; }

    /// <summary>This hub's earlier public keys, so that <c>./hub peer verify-log</c> still verifies what it signed with them.</summary>
    public List<PeerKeyOptions> PreviousKeys { get; set; } = [];

    /// <summary>How far a message's timestamp may be from this hub's clock, either way.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the message log keeps a message; at least 180 days (a shorter setting refuses to start).</summary>
    public TimeSpan MessageRetention { get; set; } = TimeSpan.FromDays(180);

    /// <summary>Outbound: how long one attempt may take, how many retries follow a failed one, the first backoff.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public int Retries { get; set; } = 3;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Failed calls in a row to one peer before its circuit opens, and how long it stays open.</summary>
    public int BreakerFailures { get; set; } = 5;

    public TimeSpan BreakerDuration { get; set; } = TimeSpan.FromSeconds(15);

    public List<PeerOptions> Peers { get; set; } = [];

    /// <summary>Destination: accept each received transfer at once (linking the person); off, an operator decides each.</summary>
    public bool AutoAcceptTransfers { get; set; } = true;

    /// <summary>How long the relay holds a transfer it is sending before another relay (or it, restarted) may take it again.</summary>
    public TimeSpan TransferLease { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Transfers the relay sends at once.</summary>
    public int TransferConcurrency { get; set; } = 8;
}

/// <summary>One peer hub as registered: <c>Federation:Peers:{n}:*</c>.</summary>
public sealed class PeerOptions
{
    public string? Region { get; set; }

    public string? BaseUrl { get; set; }

    public List<PeerKeyOptions> Keys { get; set; } = [];

    /// <summary>The agreement: each service the peer may call on this hub, with the fields this hub answers it.</summary>
    public Dictionary<string, ServiceAgreementOptions> Services { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>A public key of a peer with the time it is valid in; two keys of a peer may overlap while it rotates.</summary>
public sealed class PeerKeyOptions
{
    public string? Id { get; set; }

    /// <summary>Base64 of the ECDSA P-256 public key (SubjectPublicKeyInfo DER).</summary>
    public string? PublicKey { get; set; }

    public DateTimeOffset? NotBefore { get; set; }

    public DateTimeOffset? NotAfter { get; set; }
}

/// <summary>What a peer may get from one service.</summary>
public sealed class ServiceAgreementOptions
{
    public List<string> Fields { get; set; } = [];
}
