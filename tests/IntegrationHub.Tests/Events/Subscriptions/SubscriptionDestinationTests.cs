namespace IntegrationHub.Tests.Events.Subscriptions;

/// <summary>Destinations refused at registration on a hub in Production (no loopback, no private addresses): every form of
/// a link-local, metadata, loopback or private address, in a webhook's url and a Service Bus endpoint.</summary>
public sealed class SubscriptionDestinationTests() : DeliveryHarnessTests(AsInProduction())
{
    [Theory]
    [InlineData("https://169.254.169.254/latest/meta-data/iam/security-credentials/")]
    [InlineData("https://169.254.169.254./latest/meta-data/")]
    [InlineData("https://2852039166/latest/meta-data/")]
    [InlineData("https://0251.0376.0251.0376/latest/meta-data/")]
    [InlineData("https://0xA9FEA9FE/latest/meta-data/")]
    [InlineData("https://169.254.10.1/hook")]
    [InlineData("https://[::ffff:169.254.169.254]/latest/meta-data/")]
    [InlineData("https://[::ffff:a9fe:a9fe]/latest/meta-data/")]
    [InlineData("https://[64:ff9b::a9fe:a9fe]/latest/meta-data/")]
    [InlineData("https://[2002:a9fe:a9fe::1]/latest/meta-data/")]
    [InlineData("https://[fe80::1]/hook")]
    [InlineData("https://[fe80::1%25eth0]/hook")]
    [InlineData("https://[fd00:ec2::254]/latest/meta-data/")]
    [InlineData("https://168.63.129.16/machine")]
    [InlineData("https://100.100.100.200/latest/meta-data/")]
    [InlineData("https://metadata.google.internal/computeMetadata/v1/")]
    [InlineData("https://METADATA.google.internal./computeMetadata/v1/")]
    [InlineData("https://metadata/computeMetadata/v1/")]
    [InlineData("https://10.0.0.5/hook")]
    [InlineData("https://172.16.0.1/hook")]
    [InlineData("https://172.31.255.254/hook")]
    [InlineData("https://192.168.1.10/hook")]
    [InlineData("https://100.64.0.1/hook")]
    [InlineData("https://[fc00::1]/hook")]
    [InlineData("https://[fd12:3456::1]/hook")]
    [InlineData("https://[::ffff:10.0.0.1]/hook")]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://127.1/hook")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://localhost/hook")]
    [InlineData("https://api.localhost/hook")]
    [InlineData("https://0.0.0.0/hook")]
    [InlineData("https://[::]/hook")]
    [InlineData("https://224.0.0.1/hook")]
    public async Task Post_WebhookToForbiddenAddress_Returns400DestinationForbidden(string url)
    {
        var subscription = DeliveryHarness.Webhook("forbidden", new Uri("https://placeholder.example.gov.cn/"), Secret, "/personId");
        subscription["destination"]!["url"] = url;

        var (status, body) = await hub.AdminAsync(HttpMethod.Post, "/api/admin/subscriptions", subscription.ToJsonString());

        Assert.Equal(400, status);
        ResponseCapture.Save("Error", body!.ToJsonString());
        var error = Assert.Single(body["errors"]!.AsArray());
        Assert.Equal(("/destination/url", "destination-forbidden"), (error!["path"]!.GetValue<string>(), error["code"]!.GetValue<string>()));
        Assert.Equal(0, await hub.CountAsync("SELECT count(*) FROM subscription"));
        Assert.Equal(1, await hub.CountAsync("SELECT count(*) FROM audit_log WHERE action = 'subscription.refused'"));
    }

    [Theory]
    [InlineData("https://169.254.169.254/")]
    [InlineData("https://10.1.2.3/")]
    [InlineData("https://[::ffff:127.0.0.1]/")]
    public async Task Post_ServiceBusEndpointForbidden_Returns400DestinationForbidden(string endpoint)
    {
        var subscription = DeliveryHarness.Webhook("forbidden-bus", new Uri("https://placeholder.example.gov.cn/"), Secret, "/personId");
        subscription["destination"] = new JsonObject
        {
            ["kind"] = "servicebus",
            ["namespace"] = "hub-events",
            ["topic"] = "employment",
            ["keyName"] = "send",
            ["key"] = Secret,
            ["endpoint"] = endpoint,
        };

        var (status, body) = await hub.AdminAsync(HttpMethod.Post, "/api/admin/subscriptions", subscription.ToJsonString());

        Assert.Equal(400, status);
        var error = Assert.Single(body!["errors"]!.AsArray());
        Assert.Equal(("/destination/endpoint", "destination-forbidden"), (error!["path"]!.GetValue<string>(), error["code"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Patch_UrlToMetadata_Returns400AndKeepsTheOldUrl()
    {
        var subscription = DeliveryHarness.Webhook("moving", new Uri("https://policy.example.gov.cn/hook"), Secret, "/personId");
        Assert.Equal(201, (await hub.AdminAsync(HttpMethod.Post, "/api/admin/subscriptions", subscription.ToJsonString())).Status);

        var (status, body) = await hub.AdminAsync(HttpMethod.Patch, "/api/admin/subscriptions/moving",
            """{"destination": {"url": "https://169.254.169.254/latest/meta-data/"}}""");

        Assert.Equal(400, status);
        Assert.Equal("destination-forbidden", body!["errors"]![0]!["code"]!.GetValue<string>());
        var (_, stored) = await hub.AdminAsync(HttpMethod.Get, "/api/admin/subscriptions/moving");
        Assert.Equal("https://policy.example.gov.cn/hook", stored!["destination"]!["url"]!.GetValue<string>());
    }
}
