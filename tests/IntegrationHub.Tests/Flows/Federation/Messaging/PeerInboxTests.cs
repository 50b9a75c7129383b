using System.Buffers.Text;
using IntegrationHub.Flows.Federation.Messaging;

namespace IntegrationHub.Tests.Flows.Federation.Messaging;

/// <summary>Hub B (Sichuan) refusing what hub A (Chongqing) may not send it; both hubs real processes.</summary>
public sealed class PeerInboxTests(PeerHubsFixture fixture) : PeerHubsFixtureTests(fixture)
{
    private static readonly byte[] Question = Encoding.UTF8.GetBytes(
        """{"idNumber":"11010519491231002X","purpose":"cross-region service","legalBasis":"川渝通办协议 2026"}""");

    [Fact]
    public async Task Receive_SignedByAWithinAgreement_AnswersSignedReplyBoundToTheRequest()
    {
        var signature = PeerHubs.Sign(Hubs.KeyOfA, "status", Question);
        using var response = await Hubs.PostToBAsync("status", Question, signature);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        ResponseCapture.SavePeer("StatusAnswer", Encoding.UTF8.GetString(reply));
        Assert.Equal("unknown", (string?)JsonNode.Parse(reply)!["status"]);
        var replySignature = response.Headers.GetValues(PeerHeaders.Signature).Single();
        var parsed = IntegrationHub.Flows.Federation.Signing.DetachedJws.Parse(replySignature)!;
        Assert.Equal(PeerHubs.RegionB, parsed.Header.Sender);
        Assert.Equal(PeerHubs.RegionA, parsed.Header.Receiver);
        var request = IntegrationHub.Flows.Federation.Signing.DetachedJws.Parse(signature)!;
        Assert.Equal(IntegrationHub.Flows.Federation.Signing.RequestHash.Of(request.EncodedHeader, Question), parsed.Header.RequestHash);
        Assert.True(IntegrationHub.Flows.Federation.Signing.DetachedJws.Verify(parsed, reply, Hubs.KeyOfB.Key));
    }

    [Fact]
    public async Task Receive_BodyChangedAfterSigning_401BadSignature()
    {
        var signature = PeerHubs.Sign(Hubs.KeyOfA, "status", Question);
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Question).Replace("cross-region", "cross-regiom", StringComparison.Ordinal));

        await AssertRefusedAsync(await Hubs.PostToBAsync("status", tampered, signature), 401, "bad-signature");
    }

    [Fact]
    public async Task Receive_HeaderChangedAfterSigning_401BadSignature()
    {
        var signature = PeerHubs.Sign(Hubs.KeyOfA, "status", Question);
        var parts = signature.Split('.');
        var header = JsonNode.Parse(Base64Url.DecodeFromChars(parts[0]))!.AsObject();
        header["messageId"] = "another-id";
        var tampered = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToJsonString())) + ".." + parts[2];

        await AssertRefusedAsync(await Hubs.PostToBAsync("status", Question, tampered), 401, "bad-signature");
    }

    [Fact]
    public async Task Receive_NoSignature_401MissingSignature() =>
        await AssertRefusedAsync(await Hubs.PostToBAsync("status", Question, null), 401, "missing-signature");

    [Fact]
    public async Task Receive_SignatureNotAJws_401MalformedSignature() =>
        await AssertRefusedAsync(await Hubs.PostToBAsync("status", Question, "not.a.jws"), 401, "malformed-signature");

    /// <summary>What is wrong with a signature that B refuses with 401: the key under A's key id is another, B does not know
    /// the key id, A's key has expired, B does not know the sender, or it is addressed to another hub.</summary>
    public enum SignatureFault
    {
        AnotherKeyUnderAsKeyId,
        KeyIdNotRegistered,
        ExpiredKey,
        SenderNotRegistered,
        AddressedToAnotherHub,
    }

    [Theory]
    [InlineData(SignatureFault.AnotherKeyUnderAsKeyId, "bad-signature")]
    [InlineData(SignatureFault.KeyIdNotRegistered, "unknown-key")]
    [InlineData(SignatureFault.ExpiredKey, "key-outside-validity")]
    [InlineData(SignatureFault.SenderNotRegistered, "unknown-sender")]
    [InlineData(SignatureFault.AddressedToAnotherHub, "wrong-receiver")]
    public async Task Receive_SignatureWithAFault_401NamingIt(SignatureFault fault, string code)
    {
        var signature = fault switch
        {
            SignatureFault.AnotherKeyUnderAsKeyId => PeerHubs.Sign(SigningKey.Create(Hubs.KeyOfA.Id), "status", Question),
            SignatureFault.KeyIdNotRegistered => PeerHubs.Sign(SigningKey.Create("cq-unknown"), "status", Question),
            SignatureFault.ExpiredKey => PeerHubs.Sign(Hubs.ExpiredKeyOfA, "status", Question),
            SignatureFault.SenderNotRegistered => PeerHubs.Sign(Hubs.KeyOfA, "status", Question, sender: "440000"),
            SignatureFault.AddressedToAnotherHub => PeerHubs.Sign(Hubs.KeyOfA, "status", Question, receiver: "440000"),
            _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, null),
        };

        await AssertRefusedAsync(await Hubs.PostToBAsync("status", Question, signature), 401, code);
    }

    [Theory]
    [InlineData(-6)]
    [InlineData(6)]
    public async Task Receive_TimestampBeyondTheWindow_401TimestampOutsideWindow(int minutes)
    {
        var signature = PeerHubs.Sign(Hubs.KeyOfA, "status", Question, at: DateTimeOffset.UtcNow.AddMinutes(minutes));

        await AssertRefusedAsync(await Hubs.PostToBAsync("status", Question, signature), 401, "timestamp-outside-window");
    }

    [Fact]
    public async Task Receive_SameMessageTwice_SecondIs409Replay()
    {
        var signature = PeerHubs.Sign(Hubs.KeyOfA, "status", Question);
        using var first = await Hubs.PostToBAsync("status", Question, signature);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        await AssertRefusedAsync(await Hubs.PostToBAsync("status", Question, signature), 409, "replayed-message");
    }

    [Fact]
    public async Task Receive_ServiceOutsideTheAgreement_403ServiceNotAgreed()
    {
        var body = Encoding.UTF8.GetBytes("""{"specversion":"1.0"}""");
        var signature = PeerHubs.Sign(Hubs.KeyOfA, "events", body);

        await AssertRefusedAsync(await Hubs.PostToBAsync("events", body, signature), 403, "service-not-agreed");
    }

    [Fact]
    public async Task Receive_SignedForAnotherServiceThanTheUrl_401ServiceMismatch()
    {
        var signature = PeerHubs.Sign(Hubs.KeyOfA, "events", Question);

        await AssertRefusedAsync(await Hubs.PostToBAsync("status", Question, signature), 401, "service-mismatch");
    }

    [Fact]
    public async Task Receive_FieldOutsideTheAgreement_403FieldNotAgreedWithItsPointer()
    {
        var body = Encoding.UTF8.GetBytes(
            """{"idNumber":"11010519491231002X","purpose":"p","legalBasis":"b","fields":["employed","employmentForm"]}""");
        var signature = PeerHubs.Sign(Hubs.KeyOfA, "status", body);

        var error = await AssertRefusedAsync(await Hubs.PostToBAsync("status", body, signature), 403, "field-not-agreed");
        Assert.Equal("/fields/1", (string?)error["errors"]![0]!["path"]);
    }

    [Fact]
    public async Task Receive_StatusQueryWithoutPurpose_400WithItsPointer()
    {
        var body = Encoding.UTF8.GetBytes("""{"idNumber":"11010519491231002X","legalBasis":"b"}""");
        var signature = PeerHubs.Sign(Hubs.KeyOfA, "status", body);

        var error = await AssertRefusedAsync(await Hubs.PostToBAsync("status", body, signature), 400, "required");
        Assert.Equal("/purpose", (string?)error["errors"]![0]!["path"]);
    }

    private static async Task<JsonObject> AssertRefusedAsync(HttpResponseMessage response, int status, string code)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            ResponseCapture.SavePeer("PeerError", text);
            Assert.True((int)response.StatusCode == status, $"expected {status} {code}, got {(int)response.StatusCode}: {text}");
            var error = JsonNode.Parse(text)!.AsObject();
            Assert.Equal(code, (string?)error["code"]);
            return error;
        }
    }
}
