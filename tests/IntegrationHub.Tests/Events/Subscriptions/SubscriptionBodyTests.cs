namespace IntegrationHub.Tests.Events.Subscriptions;

/// <summary>Bodies of the subscription endpoints that System.Text.Json reads but the hub must not: duplicate keys, lone
/// surrogates, invalid UTF-8, control characters. Each is a 400 with the place at fault, audited, and nothing stored.</summary>
public sealed class SubscriptionBodyTests : DeliveryHarnessTests
{
    private static JsonObject Valid(string name) => DeliveryHarness.Webhook(name, new Uri("https://policy.example.gov.cn/hooks/hub"), Secret,
        "/personId", "/employmentForm");

    /// <summary>A valid subscription's JSON with one thing made hostile, as the bytes a client would send.</summary>
    private static byte[] Hostile(string kind)
    {
        var body = Valid("hostile");
        body["purpose"] = "PURPOSE";
        body["legalBasis"] = "LEGAL";
        var text = body.ToJsonString();
        return kind switch
        {
            "nul-in-pointer" => Encoding.UTF8.GetBytes(text.Replace("\"/employmentForm\"", "\"/employment\\u0000Form\"", StringComparison.Ordinal)),
            "duplicate-top" => Encoding.UTF8.GetBytes("{\"purpose\":\"first\"," + text[1..]),
            "duplicate-nested" => Encoding.UTF8.GetBytes(text.Replace("\"kind\":\"webhook\"", "\"kind\":\"webhook\",\"kind\":\"pull\"", StringComparison.Ordinal)),
            "lone-surrogate" => Encoding.UTF8.GetBytes(text.Replace("LEGAL", "law \\ud800", StringComparison.Ordinal)),
            "lone-low-surrogate" => Encoding.UTF8.GetBytes(text.Replace("LEGAL", "\\udc00 law", StringComparison.Ordinal)),
            "invalid-utf8" => [.. Encoding.UTF8.GetBytes(text[..text.IndexOf("PURPOSE", StringComparison.Ordinal)]), 0xC3, 0x28, 0xFF,
                .. Encoding.UTF8.GetBytes(text[(text.IndexOf("PURPOSE", StringComparison.Ordinal) + "PURPOSE".Length)..])],
            "control-in-value" => Encoding.UTF8.GetBytes(text.Replace("PURPOSE", "push\\u0007", StringComparison.Ordinal)),
            "nul-in-name" => Encoding.UTF8.GetBytes(text.Replace("\"purpose\"", "\"pur\\u0000pose\"", StringComparison.Ordinal)),
            "duplicate-in-array-item" => Encoding.UTF8.GetBytes(text.Replace("\"eventTypes\"", "\"extra\":[{\"a\":1},{\"b\":1,\"b\":2}],\"eventTypes\"",
                StringComparison.Ordinal)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    [Theory]
    [InlineData("nul-in-pointer", "/fields/1", "control-character")]
    [InlineData("duplicate-top", "/purpose", "duplicate-key")]
    [InlineData("duplicate-nested", "/destination/kind", "duplicate-key")]
    [InlineData("lone-surrogate", "/legalBasis", "encoding")]
    [InlineData("lone-low-surrogate", "/legalBasis", "encoding")]
    [InlineData("invalid-utf8", "/purpose", "encoding")]
    [InlineData("control-in-value", "/purpose", "control-character")]
    [InlineData("nul-in-name", "", "control-character")]
    [InlineData("duplicate-in-array-item", "/extra/1/b", "duplicate-key")]
    public async Task Post_HostileBody_Returns400WithThePointerAndStoresNothing(string kind, string pointer, string code)
    {
        var (status, body) = await hub.AdminAsync(HttpMethod.Post, "/api/admin/subscriptions", Hostile(kind));

        Assert.Equal(400, status);
        ResponseCapture.Save("Error", body!.ToJsonString());
        Assert.Equal("json", body["code"]!.GetValue<string>());
        var error = Assert.Single(body["errors"]!.AsArray());
        Assert.Equal(pointer, error!["path"]!.GetValue<string>());
        Assert.Equal(code, error["code"]!.GetValue<string>());
        Assert.Equal(0, await hub.CountAsync("SELECT count(*) FROM subscription"));
        Assert.Equal(1, await hub.CountAsync(
            $"SELECT count(*) FROM audit_log WHERE action = 'subscription.refused' AND detail::jsonb -> 'errors' ? '{code}'"));
    }

    [Fact]
    public async Task Patch_DuplicateKeyOrNulInPointer_Returns400AndLeavesTheSubscription()
    {
        Assert.Equal(201, (await hub.AdminAsync(HttpMethod.Post, "/api/admin/subscriptions", Valid("patched").ToJsonString())).Status);

        var (duplicate, duplicateBody) = await hub.AdminAsync(HttpMethod.Patch, "/api/admin/subscriptions/patched",
            """{"purpose": "one", "purpose": "two"}""");
        var (nul, nulBody) = await hub.AdminAsync(HttpMethod.Patch, "/api/admin/subscriptions/patched", """{"fields": ["/a\u0000b"]}""");

        Assert.Equal(400, duplicate);
        Assert.Equal("/purpose", duplicateBody!["errors"]![0]!["path"]!.GetValue<string>());
        Assert.Equal(400, nul);
        Assert.Equal("/fields/0", nulBody!["errors"]![0]!["path"]!.GetValue<string>());
        var (_, stored) = await hub.AdminAsync(HttpMethod.Get, "/api/admin/subscriptions/patched");
        Assert.Equal("precise policy push", stored!["purpose"]!.GetValue<string>());
        Assert.Equal(["/personId", "/employmentForm"], stored["fields"]!.AsArray().Select(f => f!.GetValue<string>()));
    }

    [Fact]
    public async Task Acknowledge_DuplicateCursorOrLoneSurrogate_Returns400WithPointer()
    {
        var pull = Valid("pulled");
        pull["destination"] = new JsonObject { ["kind"] = "pull" };
        var created = await hub.SubscribeAsync(pull);
        var token = created["subscriberToken"]!.GetValue<string>();

        var (duplicate, duplicateBody) = await hub.AdminAsync(HttpMethod.Post, "/api/subscriptions/pulled/ack",
            """{"cursor": "1-0", "cursor": "1-5"}""", token);
        var (surrogate, surrogateBody) = await hub.AdminAsync(HttpMethod.Post, "/api/subscriptions/pulled/ack",
            """{"cursor": "1-\ud800"}""", token);

        Assert.Equal(400, duplicate);
        Assert.Equal(("/cursor", "duplicate-key"), (duplicateBody!["errors"]![0]!["path"]!.GetValue<string>(),
            duplicateBody["errors"]![0]!["code"]!.GetValue<string>()));
        Assert.Equal(400, surrogate);
        Assert.Equal(("/cursor", "encoding"), (surrogateBody!["errors"]![0]!["path"]!.GetValue<string>(),
            surrogateBody["errors"]![0]!["code"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Post_BodyOverOneMebibyte_Returns413WithoutReadingFurther()
    {
        var body = Valid("large");
        body["purpose"] = new string('x', 1024 * 1024);

        var (status, answer) = await hub.AdminAsync(HttpMethod.Post, "/api/admin/subscriptions", body.ToJsonString());

        Assert.Equal(413, status);
        Assert.Equal("too-large", answer!["code"]!.GetValue<string>());
        Assert.Equal(0, await hub.CountAsync("SELECT count(*) FROM subscription"));
    }
}
