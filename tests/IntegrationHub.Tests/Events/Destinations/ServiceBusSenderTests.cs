using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Tests.Infrastructure;

namespace IntegrationHub.Tests.Events.Destinations;

/// <summary>
/// Service Bus cannot run here, so a local listener plays it and checks each request against what the REST API
/// documents for Send Message Batch: the URL, the headers, the body, and the SAS signature recomputed from the key.
/// </summary>
public sealed class ServiceBusSenderTests : IAsyncLifetime
{
    private const string Key = "c2FzLWtleS1vZi10aGUtdGVzdC1uYW1lc3BhY2UtcnVsZQ==";
    private DeliveryHarness hub = null!;
    private RecordingListener serviceBus = null!;

    public async ValueTask InitializeAsync()
    {
        hub = await DeliveryHarness.StartAsync(nameof(ServiceBusSenderTests));
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
        await hub.SubscribeAsync(new JsonObject
        {
            ["name"] = "servicebus-topic",
            ["subscriber"] = "chengdu-chongqing-service",
            ["legalBasis"] = "川渝通办 agreement",
            ["purpose"] = "cross-region service",
            ["eventTypes"] = new JsonArray("cn.gov.hrss.hub.employment.started.v1"),
            ["fields"] = new JsonArray("/personId", "/employmentForm"),
            ["identityNumbers"] = false,
            ["destination"] = new JsonObject
            {
                ["kind"] = "servicebus",
                ["namespace"] = "chongqing-hub",
                ["topic"] = "hub-events",
                ["keyName"] = "hub-send",
                ["key"] = Key,
                ["endpoint"] = serviceBus.BaseAddress.ToString(),
            },
        });
        var ids = await hub.EmitAsync([("21", DeliveryHarness.Employment("21", 1)), ("22", DeliveryHarness.Employment("22", 1)),
            ("21", DeliveryHarness.Employment("21", 2))]);

        await hub.DrainAsync();

        var request = Assert.Single(serviceBus.Received);
        Assert.Empty(Check(request));
        Assert.Equal(201, request.Status);
        var messages = JsonDocument.Parse(request.Body).RootElement.EnumerateArray().ToList();
        Assert.Equal(ids.Select(i => i.ToString()), messages.Select(m => m.GetProperty("BrokerProperties").GetProperty("MessageId").GetString()));
        Assert.Equal(["21", "22", "21"], messages.Select(m => m.GetProperty("BrokerProperties").GetProperty("SessionId").GetString()));
        var body = JsonDocument.Parse(messages[0].GetProperty("Body").GetString()!).RootElement;
        Assert.Equal(ids[0], body.GetProperty("id").GetGuid());
        Assert.Equal(["personId", "employmentForm"], body.GetProperty("data").EnumerateObject().Select(p => p.Name));
        Assert.DoesNotContain("secret-record", request.Text, StringComparison.Ordinal);
        Assert.Equal(0, await hub.CountAsync("SELECT count(*) FROM delivery WHERE state <> 'delivered'"));
    }

    [Fact]
    public async Task Dispatch_ServiceBusRefusesTheToken_RetriedNotDelivered()
    {
        await hub.SubscribeAsync(new JsonObject
        {
            ["name"] = "servicebus-wrong-key",
            ["subscriber"] = "wrong-key-service",
            ["legalBasis"] = "law",
            ["purpose"] = "test",
            ["eventTypes"] = new JsonArray("cn.gov.hrss.hub.employment.ended.v1"),
            ["fields"] = new JsonArray("/personId"),
            ["identityNumbers"] = false,
            ["destination"] = new JsonObject
            {
                ["kind"] = "servicebus",
                ["namespace"] = "chongqing-hub",
                ["topic"] = "hub-events",
                ["keyName"] = "hub-send",
                ["key"] = "not-the-key-the-namespace-has-0123456789",
                ["endpoint"] = serviceBus.BaseAddress.ToString(),
            },
        });
        await hub.EmitAsync([("31", DeliveryHarness.EmploymentEnded("31", 1))], "cn.gov.hrss.hub.employment.ended.v1");

        await hub.DrainAsync();

        Assert.Equal(401, Assert.Single(serviceBus.Received).Status);
        Assert.Equal(1, await hub.CountAsync("SELECT count(*) FROM delivery WHERE state = 'pending' AND attempts = 1 AND last_error = 'HTTP 401'"));
    }
}
