using IntegrationHub.Flows.Federation.Trust;

namespace IntegrationHub.Tests.Flows.Federation.Trust;

public sealed class TrustSettingsTests
{
    [Fact]
    public void Load_NoRegion_FederationOff()
    {
        var settings = TrustSettings.Load(new FederationOptions());

        Assert.Null(settings.Signer);
        Assert.Empty(settings.Peers);
    }

    [Fact]
    public void Load_ValidPeerWithTwoOverlappingKeys_BothKeysValidInTheOverlap()
    {
        var options = Valid();
        options.Peers[0].Keys.Add(new PeerKeyOptions
        {
            Id = "sc-next", PublicKey = NewPublicKey(), NotBefore = DateTimeOffset.Parse("2026-12-01T00:00:00Z", null),
        });
        options.Peers[0].Keys[0].NotAfter = DateTimeOffset.Parse("2027-01-01T00:00:00Z", null);

        var peer = TrustSettings.Load(options).Peer("510000")!;

        var overlap = DateTimeOffset.Parse("2026-12-15T00:00:00Z", null);
        Assert.True(peer.Key("sc-2026")!.ValidAt(overlap));
        Assert.True(peer.Key("sc-next")!.ValidAt(overlap));
        Assert.False(peer.Key("sc-2026")!.ValidAt(DateTimeOffset.Parse("2027-01-02T00:00:00Z", null)));
    }

    [Theory]
    [InlineData("signing-key", "Federation:SigningKey")]
    [InlineData("peer-key", "Federation:Peers:0:Keys:0:PublicKey")]
    [InlineData("peer-url", "Federation:Peers:0:BaseUrl")]
    [InlineData("service", "Federation:Peers:0:Services:payroll")]
    [InlineData("status-field", "Federation:Peers:0:Services:status:Fields:0")]
    [InlineData("retention", "Federation:MessageRetention")]
    [InlineData("self", "Federation:Peers:0:Region")]
    public void Load_BadSetting_RefusesNamingTheKey(string fault, string key)
    {
        var options = Valid();
        switch (fault)
        {
            case "signing-key": options.SigningKey = "bm90IGEga2V5"; break;
            case "peer-key": options.Peers[0].Keys[0].PublicKey = "AAAA"; break;
            case "peer-url": options.Peers[0].BaseUrl = "ftp://x"; break;
            case "service": options.Peers[0].Services["payroll"] = new ServiceAgreementOptions(); break;
            case "status-field": options.Peers[0].Services["status"].Fields[0] = "salary"; break;
            case "retention": options.MessageRetention = TimeSpan.FromDays(30); break;
            case "self": options.Peers[0].Region = "500000"; break;
        }

        var refusal = Assert.Throws<InvalidOperationException>(() => TrustSettings.Load(options));

        Assert.StartsWith($"Configuration {key}:", refusal.Message, StringComparison.Ordinal);
    }

    private static FederationOptions Valid()
    {
        using var own = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new FederationOptions
        {
            Region = "500000",
            SigningKeyId = "cq-2026",
            SigningKey = Convert.ToBase64String(own.ExportPkcs8PrivateKey()),
            Peers =
            [
                new PeerOptions
                {
                    Region = "510000",
                    BaseUrl = "http://127.0.0.1:7094",
                    Keys = [new PeerKeyOptions { Id = "sc-2026", PublicKey = NewPublicKey() }],
                    Services = new Dictionary<string, ServiceAgreementOptions> { ["status"] = new() { Fields = ["employed"] } },
                },
            ],
        };
    }

    private static string NewPublicKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());
    }
}
