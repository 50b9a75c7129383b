namespace IntegrationHub.Flows.Federation.Trust;

/// <summary>The checked federation configuration: this hub's signer and its peer registry. Built once, at start.</summary>
/// <remarks>
/// A configuration that is wrong stops the hub at start with the key at fault (<c>Federation:Peers:0:Keys:1:PublicKey</c>)
/// and the reason, rather than failing the first message that needs it.
/// </remarks>
internal sealed partial class TrustSettings
{
    private readonly Dictionary<string, Peer> peers;

    private TrustSettings(HubSigner? signer, Dictionary<string, Peer> peers, FederationOptions options)
    {
        Signer = signer;
        this.peers = peers;
        Options = options;
    }

    /// <summary>Null when federation is off (no <c>Federation:Region</c>).</summary>
    public HubSigner? Signer { get; }

    public FederationOptions Options { get; }

    public IEnumerable<Peer> Peers => peers.Values;

    public Peer? Peer(string region) => peers.GetValueOrDefault(region);

    public static TrustSettings From(IOptions<FederationOptions> options) => Load(options.Value);

    public static TrustSettings Load(FederationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string S = FederationOptions.Section;
        if (string.IsNullOrWhiteSpace(options.Region))
        {
            return new TrustSettings(null, [], options);
        }

        Require(RegionPattern().IsMatch(options.Region), $"{S}:Region", "a region is six digits (GB/T 2260), e.g. 500000");
        Require(options.ClockSkew > TimeSpan.Zero, $"{S}:ClockSkew", "must be positive");
        Require(options.MessageRetention >= TimeSpan.FromDays(180), $"{S}:MessageRetention", "messages are kept at least 180 days");
        Require(options.Retries is >= 0 and <= 10, $"{S}:Retries", "between 0 and 10");
        Require(!string.IsNullOrWhiteSpace(options.SigningKeyId), $"{S}:SigningKeyId", "required: the kid peers know the key by");
        var privateKey = ReadPrivateKey(options.SigningKey, $"{S}:SigningKey");
        var own = new List<PeerKey> { new(options.SigningKeyId!, PublicHalf(privateKey), null, null) };
        for (var i = 0; i < options.PreviousKeys.Count; i++)
        {
            own.Add(ReadKey(options.PreviousKeys[i], $"{S}:PreviousKeys:{i}"));
        }

        var signer = new HubSigner(options.Region, options.SigningKeyId!, privateKey) { OwnKeys = own };
        var registry = new Dictionary<string, Peer>(StringComparer.Ordinal);
        for (var i = 0; i < options.Peers.Count; i++)
        {
            var peer = ReadPeer(options.Peers[i], $"{S}:Peers:{i}", options.Region);
            Require(registry.TryAdd(peer.Region, peer), $"{S}:Peers:{i}:Region", $"peer {peer.Region} is registered twice");
        }

        return new TrustSettings(signer, registry, options);
    }

    private static Peer ReadPeer(PeerOptions peer, string at, string ownRegion)
    {
        Require(peer.Region is not null && RegionPattern().IsMatch(peer.Region), $"{at}:Region", "a region is six digits (GB/T 2260)");
        Require(peer.Region != ownRegion, $"{at}:Region", "a hub is not its own peer");
        Require(Uri.TryCreate(peer.BaseUrl, UriKind.Absolute, out var baseUrl) && baseUrl.Scheme is "http" or "https",
            $"{at}:BaseUrl", "an absolute http(s) URL");
        Require(peer.Keys.Count > 0, $"{at}:Keys", "a peer needs at least one public key");
        var keys = new List<PeerKey>();
        for (var k = 0; k < peer.Keys.Count; k++)
        {
            var key = ReadKey(peer.Keys[k], $"{at}:Keys:{k}");
            Require(keys.All(other => other.Id != key.Id), $"{at}:Keys:{k}:Id", $"key id {key.Id} appears twice");
            keys.Add(key);
        }

        var services = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var (name, agreement) in peer.Services)
        {
            Require(PeerServices.All.Contains(name), $"{at}:Services:{name}", $"unknown service; known: {string.Join(", ", PeerServices.All)}");
            var fields = new HashSet<string>(StringComparer.Ordinal);
            for (var f = 0; f < agreement.Fields.Count; f++)
            {
                var field = agreement.Fields[f];
                Require(!string.IsNullOrWhiteSpace(field), $"{at}:Services:{name}:Fields:{f}", "a field name");
                Require(name != PeerServices.Status || PeerServices.StatusFields.Contains(field), $"{at}:Services:{name}:Fields:{f}",
                    $"the status service answers only {string.Join(", ", PeerServices.StatusFields)}");
                fields.Add(field);
            }

            services[name] = fields;
        }

        return new Peer(peer.Region!, new Uri(baseUrl!.ToString().TrimEnd('/') + "/"), keys, services);
    }

    private static PeerKey ReadKey(PeerKeyOptions key, string at)
    {
        Require(!string.IsNullOrWhiteSpace(key.Id), $"{at}:Id", "required");
        Require(key.NotBefore is null || key.NotAfter is null || key.NotBefore < key.NotAfter, $"{at}:NotAfter", "must be after NotBefore");
        ECDsa publicKey;
        try
        {
            publicKey = ECDsa.Create();
            publicKey.ImportSubjectPublicKeyInfo(Convert.FromBase64String(key.PublicKey ?? ""), out _);
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            throw Invalid($"{at}:PublicKey", "not the base64 of an ECDSA public key (SubjectPublicKeyInfo DER)");
        }

        Require(publicKey.KeySize == 256, $"{at}:PublicKey", "the key must be on P-256 (ES256)");
        return new PeerKey(key.Id!, publicKey, key.NotBefore, key.NotAfter);
    }

    private static ECDsa ReadPrivateKey(string? base64, string at)
    {
        Require(!string.IsNullOrWhiteSpace(base64), at, "required: base64 of a P-256 private key (PKCS#8), from Key Vault or the environment");
        try
        {
            var key = ECDsa.Create();
            key.ImportPkcs8PrivateKey(Convert.FromBase64String(base64!), out _);
            Require(key.KeySize == 256, at, "the key must be on P-256 (ES256)");
            return key;
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            throw Invalid(at, "not the base64 of an ECDSA private key (PKCS#8 DER)");
        }
    }

    private static ECDsa PublicHalf(ECDsa privateKey)
    {
        var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(privateKey.ExportSubjectPublicKeyInfo(), out _);
        return key;
    }

    private static void Require(bool condition, string key, string reason)
    {
        if (!condition)
        {
            throw Invalid(key, reason);
        }
    }

    private static InvalidOperationException Invalid(string key, string reason) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Configuration {key}: {reason}."));

    [GeneratedRegex("^[0-9]{6}$")]
    private static partial Regex RegionPattern();
}
