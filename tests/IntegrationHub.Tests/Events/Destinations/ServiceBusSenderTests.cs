namespace IntegrationHub.Tests.Events.Destinations;

/// <summary>
/// Service Bus cannot run here, so a local listener plays it and checks each request against what the REST API
/// documents for Send Message Batch: the URL, the headers, the body, and the SAS signature recomputed from the key.
/// </summary>
public sealed class ServiceBusSenderTests : IAsyncLifetime
{
    private const string Key = "c2FzLWtleS1vZi10aGUtdGVzdC1uYW1lc3BhY2UtcnVsZQ==";
    private const string Started = "cn.gov.hrss.hub.employment.started.v1";
    private DeliveryHarness hub = null!;
    private readonly FakeTokenCredential entra = new();
    private RecordingListener serviceBus = null!;

    public async ValueTask InitializeAsync()
    {
        hub = await DeliveryHarness.StartAsync(nameof(ServiceBusSenderTests),
            services: s => s.AddSingleton<Azure.Core.TokenCredential>(entra));
        entra.Clock = hub.Clock;
        serviceBus = await RecordingListener.StartAsync();
        serviceBus.Respond = r => Task.FromResult(Check(r).Count == 0 ? 201 : 401);
    }

    public async ValueTask DisposeAsync()
    {
        await serviceBus.DisposeAsync();
        await hub.DisposeAsync();
    }

    // What a Send Message Batch request must be; the problems found (empty when it is right).
    private List<string> Check(ReceivedRequest request)
    {
        var problems = new List<string>();
        if (request.Method != "POST" || request.PathAndQuery != "/hub-events/messages")
        {
            problems.Add($"request line {request.Method} {request.PathAndQuery}");
        }

        if (request.Header("Host") != "chongqing-hub.servicebus.windows.net")
        {
            problems.Add("host " + request.Header("Host"));
        }

        if (request.Header("Content-Type") != "application/vnd.microsoft.servicebus.json")
        {
            problems.Add("content type " + request.Header("Content-Type"));
        }

        const string prefix = "SharedAccessSignature ";
        var authorization = request.Header("Authorization");
        if (authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            // Service Bus takes an Entra ID token that is current (checked as the request arrives): the fake's newest.
            if (entra.Issued.Count == 0 || authorization != "Bearer " + entra.Issued[^1])
            {
                problems.Add("Entra ID token " + authorization);
            }

            return problems;
        }

        if (!authorization.StartsWith(prefix, StringComparison.Ordinal))
        {
            problems.Add("no SAS token");
            return problems;
        }

        var parts = authorization[prefix.Length..].Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var resource = WebUtility.UrlDecode(parts["sr"]);
        var expiry = long.Parse(parts["se"], CultureInfo.InvariantCulture);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Key),
            Encoding.UTF8.GetBytes(WebUtility.UrlEncode(resource) + "\n" + parts["se"])));
        if (resource != "https://chongqing-hub.servicebus.windows.net/hub-events" || parts["skn"] != "hub-send"
            || WebUtility.UrlDecode(parts["sig"]) != signature || expiry <= hub.Clock.GetUtcNow().ToUnixTimeSeconds())
        {
            problems.Add("SAS token " + authorization);
        }

        return problems;
    }

    [Fact]
    public async Task Dispatch_ServiceBusTopic_SendsOneDocumentedBatchWithMessageIdAndSessionIdAndAValidSasToken()
    {
        await hub.SubscribeAsync(TopicSubscription("servicebus-topic", Key, Started, "/personId", "/employmentForm"));
        var ids = await hub.EmitAsync([("P000000021", DeliveryHarness.Employment("P000000021", 1)), ("P000000022", DeliveryHarness.Employment("P000000022", 1)),
            ("P000000021", DeliveryHarness.Employment("P000000021", 2))]);

        await hub.DrainAsync();

        var request = Assert.Single(serviceBus.Received);
        Assert.Empty(Check(request));
        Assert.Equal(201, request.Status);
        var messages = JsonDocument.Parse(request.Body).RootElement.EnumerateArray().ToList();
        Assert.Equal(ids.Select(i => i.ToString()), messages.Select(m => m.GetProperty("BrokerProperties").GetProperty("MessageId").GetString()));
        Assert.Equal(["P000000021", "P000000022", "P000000021"], messages.Select(m => m.GetProperty("BrokerProperties").GetProperty("SessionId").GetString()));
        var body = JsonDocument.Parse(messages[0].GetProperty("Body").GetString()!).RootElement;
        Assert.Equal(ids[0], body.GetProperty("id").GetGuid());
        Assert.Equal(["personId", "employmentForm"], body.GetProperty("data").EnumerateObject().Select(p => p.Name));
        Assert.DoesNotContain("secret-record", request.Text, StringComparison.Ordinal);
        Assert.Equal(0, await hub.CountAsync("SELECT count(*) FROM delivery WHERE state <> 'delivered'"));
    }

    [Fact]
    public async Task Dispatch_ServiceBusRefusesTheToken_RetriedNotDelivered()
    {
        await hub.SubscribeAsync(TopicSubscription("servicebus-wrong-key", "not-the-key-the-namespace-has-0123456789",
            "cn.gov.hrss.hub.employment.ended.v1", "/personId"));
        await hub.EmitAsync([("P000000031", DeliveryHarness.EmploymentEnded("P000000031", 1))], "cn.gov.hrss.hub.employment.ended.v1");

        await hub.DrainAsync();

        Assert.Equal(401, Assert.Single(serviceBus.Received).Status);
        Assert.Equal(1, await hub.CountAsync("SELECT count(*) FROM delivery WHERE state = 'pending' AND attempts = 1 AND last_error = 'HTTP 401'"));
    }

    /// <summary>A subscription to the topic hub-events of the namespace chongqing-hub, which the listener plays: sent with a
    /// SAS token of <paramref name="sasKey"/> (rule hub-send), or with the hub's Entra ID token where there is no key.</summary>
    private JsonObject TopicSubscription(string name, string? sasKey, string eventType, params string[] fields)
    {
        var destination = new JsonObject { ["kind"] = "servicebus", ["namespace"] = "chongqing-hub", ["topic"] = "hub-events" };
        if (sasKey is null)
        {
            destination["auth"] = "entra";
        }
        else
        {
            destination["keyName"] = "hub-send";
            destination["key"] = sasKey;
        }

        destination["endpoint"] = serviceBus.BaseAddress.ToString();
        return new JsonObject
        {
            ["name"] = name,
            ["subscriber"] = name + "-service",
            ["legalBasis"] = "川渝通办 agreement",
            ["purpose"] = "cross-region service",
            ["eventTypes"] = new JsonArray(eventType),
            ["fields"] = new JsonArray([.. fields.Select(f => JsonValue.Create(f))]),
            ["identityNumbers"] = false,
            ["destination"] = destination,
        };
    }

    private JsonObject EntraSubscription(string name) => TopicSubscription(name, null, Started, "/personId", "/spellId");

    [Fact]
    public async Task Dispatch_ServiceBusWithEntraAuth_SendsTheHubsBearerTokenForTheServiceBusScopeReusedUntilNearExpiry()
    {
        var created = await hub.SubscribeAsync(EntraSubscription("servicebus-entra"));
        Assert.Equal("entra", created["destination"]!["auth"]!.GetValue<string>());
        Assert.Equal(1, await hub.CountAsync("SELECT count(*) FROM subscription WHERE name = 'servicebus-entra' AND secret_cipher IS NULL"));

        await hub.EmitAsync([("P000000051", DeliveryHarness.Employment("P000000051", 1))]);
        await hub.DrainAsync();
        hub.Clock.Advance(TimeSpan.FromMinutes(30));
        await hub.EmitAsync([("P000000051", DeliveryHarness.Employment("P000000051", 2))]);
        await hub.DrainAsync();
        hub.Clock.Advance(TimeSpan.FromMinutes(26));
        await hub.EmitAsync([("P000000051", DeliveryHarness.Employment("P000000051", 3))]);
        await hub.DrainAsync();

        Assert.Equal(3, serviceBus.Received.Count);
        Assert.All(serviceBus.Received, r => Assert.Equal(201, r.Status));
        Assert.Equal(["Bearer entra-token-1", "Bearer entra-token-1", "Bearer entra-token-2"], serviceBus.Received.Select(r => r.Header("Authorization")));
        Assert.All(entra.Requests, scopes => Assert.Equal(["https://servicebus.azure.net/.default"], scopes));
        Assert.Equal(0, await hub.CountAsync("SELECT count(*) FROM delivery WHERE state <> 'delivered'"));
    }

    [Fact]
    public async Task Dispatch_ServiceBusWithEntraAuthButNoIdentity_RetriedWithoutCallingServiceBus()
    {
        entra.Unavailable = true;
        await hub.SubscribeAsync(EntraSubscription("servicebus-no-identity"));
        await hub.EmitAsync([("P000000052", DeliveryHarness.Employment("P000000052", 1))]);

        await hub.DrainAsync();

        Assert.Empty(serviceBus.Received);
        Assert.Equal(1, await hub.CountAsync(
            "SELECT count(*) FROM delivery WHERE state = 'pending' AND attempts = 1 AND last_error = 'Entra ID token unavailable'"));
    }

    [Fact]
    public async Task Post_ServiceBusEntraWithAKeyOrAnUnknownAuth_Returns400WithPointers()
    {
        var withKey = EntraSubscription("servicebus-entra-key");
        withKey["destination"]!["keyName"] = "hub-send";
        withKey["destination"]!["key"] = Key;
        var unknown = EntraSubscription("servicebus-entra-unknown");
        unknown["destination"]!["auth"] = "oauth";

        var (keyStatus, keyBody) = await hub.AdminAsync(HttpMethod.Post, "/api/admin/subscriptions", withKey.ToJsonString());
        var (unknownStatus, unknownBody) = await hub.AdminAsync(HttpMethod.Post, "/api/admin/subscriptions", unknown.ToJsonString());

        ResponseCapture.Save("Error", keyBody!.ToJsonString());
        ResponseCapture.Save("Error", unknownBody!.ToJsonString());
        Assert.Equal(400, keyStatus);
        Assert.Equal([("/destination/keyName", "not-with-entra"), ("/destination/key", "not-with-entra")],
            keyBody["errors"]!.AsArray().Select(e => (e!["path"]!.GetValue<string>(), e["code"]!.GetValue<string>())));
        Assert.Equal(400, unknownStatus);
        Assert.Contains(("/destination/auth", "enum"), unknownBody["errors"]!.AsArray()
            .Select(e => (e!["path"]!.GetValue<string>(), e["code"]!.GetValue<string>())));
        Assert.Equal(0, await hub.CountAsync("SELECT count(*) FROM subscription"));
    }

    [Fact]
    public async Task Patch_ServiceBusFromSasToEntra_DropsTheStoredKeyAndSendsWithTheToken()
    {
        await hub.SubscribeAsync(TopicSubscription("servicebus-moving", Key, Started, "/personId", "/spellId"));

        var (status, body) = await hub.AdminAsync(HttpMethod.Patch, "/api/admin/subscriptions/servicebus-moving",
            """{"destination": {"auth": "entra", "keyName": null}}""");
        ResponseCapture.Save(status == 200 ? "Subscription" : "Error", body!.ToJsonString());
        await hub.EmitAsync([("P000000053", DeliveryHarness.Employment("P000000053", 1))]);
        await hub.DrainAsync();

        Assert.Equal(200, status);
        Assert.Null(body["destination"]!["keyName"]);
        Assert.Equal(1, await hub.CountAsync("SELECT count(*) FROM subscription WHERE name = 'servicebus-moving' AND secret_cipher IS NULL"));
        var request = Assert.Single(serviceBus.Received);
        Assert.Equal("Bearer " + entra.Issued[^1], request.Header("Authorization"));
        Assert.Equal(201, request.Status);
    }
}
