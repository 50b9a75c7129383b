using IntegrationHub.Events.Dispatch;

namespace IntegrationHub.Tests.Events.Dispatch;

/// <summary>person.created from real intake and linking, delivered to subscriptions with and without the right to numbers.</summary>
public sealed class IdentityNumberDeliveryTests : IAsyncLifetime
{
    private IntakeHarness hub = null!;
    private RecordingListener webhook = null!;

    public async ValueTask InitializeAsync()
    {
        hub = await IntakeHarness.StartAsync(nameof(IdentityNumberDeliveryTests), new Dictionary<string, string?> { ["Events:AllowLoopbackHttp"] = "true" });
        webhook = await RecordingListener.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await webhook.DisposeAsync();
        await hub.DisposeAsync();
    }

    private async Task SubscribeAsync(string name, string subscriber, bool identityNumbers, params string[] fields)
    {
        var body = DeliveryHarness.Webhook(name, new Uri(webhook.BaseAddress, "/" + name), "identity-test-secret-0123456789abcdef", fields);
        body["subscriber"] = subscriber;
        body["identityNumbers"] = identityNumbers;
        body["eventTypes"] = new JsonArray("cn.gov.hrss.hub.person.*");
        var response = await hub.PostAdminAsync("/api/admin/subscriptions", body.ToJsonString());
        Assert.Equal(201, response.Status);
    }

    private JsonElement DataReceivedBy(string name, string subject) => webhook.Accepted.Where(r => r.PathAndQuery == "/" + name)
        .SelectMany(DeliveryHarness.CloudEvents).Single(e => e.GetProperty("subject").GetString() == subject).GetProperty("data");

    [Fact]
    public async Task Dispatch_PersonCreated_NumberOnlyForTheEntitledAndAPseudonymPerSubscriberForTheRest()
    {
        await SubscribeAsync("sees-numbers", "public-security-service", true, "/personId", "/name", "/identityNumber");
        await SubscribeAsync("pseudonyms-a", "policy-service", false, "/personId", "/pseudonym");
        await SubscribeAsync("pseudonyms-a2", "policy-service", false, "/pseudonym");
        await SubscribeAsync("pseudonyms-b", "chengdu-chongqing", false, "/personId", "/pseudonym");
        var id = TaxRecords.IdNumber(801);
        await hub.PostJsonAsync("ps", "household-registration", Households.Batch("idn-ps-1", "hh-idn-1", id, "王芳", Households.BirthDate(id)));
        await hub.RunDeterministicLinkerAsync();

        await hub.Server.Services.GetRequiredService<Dispatcher>().RunOnceAsync(Token);

        var subject = webhook.Accepted.SelectMany(DeliveryHarness.CloudEvents).First().GetProperty("subject").GetString()!;
        var entitled = DataReceivedBy("sees-numbers", subject);
        Assert.Equal(id, entitled.GetProperty("identityNumber").GetString());
        Assert.Equal("王芳", entitled.GetProperty("name").GetString());
        foreach (var name in new[] { "pseudonyms-a", "pseudonyms-a2", "pseudonyms-b" })
        {
            var request = webhook.Accepted.Single(r => r.PathAndQuery == "/" + name);
            Assert.DoesNotContain(id, request.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(id[..14], request.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("identityNumber", request.Text, StringComparison.Ordinal);
        }

        var a = DataReceivedBy("pseudonyms-a", subject).GetProperty("pseudonym").GetString();
        Assert.Equal(a, DataReceivedBy("pseudonyms-a2", subject).GetProperty("pseudonym").GetString());
        Assert.NotEqual(a, DataReceivedBy("pseudonyms-b", subject).GetProperty("pseudonym").GetString());
        Assert.Equal(64, a!.Length);
    }
}
