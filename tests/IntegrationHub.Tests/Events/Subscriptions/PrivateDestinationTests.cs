namespace IntegrationHub.Tests.Events.Subscriptions;

/// <summary>A hub configured for on-premises webhooks (Events:AllowPrivateDestinations): private addresses are accepted,
/// link-local and metadata addresses still refused, loopback still only with its own setting.</summary>
public sealed class PrivateDestinationTests() : DeliveryHarnessTests(
    new Dictionary<string, string?> { ["Events:AllowLoopbackHttp"] = null, ["Events:AllowPrivateDestinations"] = "true" })
{
    [Theory]
    [InlineData("https://10.20.30.40/hook", 201)]
    [InlineData("https://192.168.1.10/hook", 201)]
    [InlineData("https://[fd12:3456::1]/hook", 201)]
    [InlineData("https://169.254.169.254/latest/meta-data/", 400)]
    [InlineData("https://[fd00:ec2::254]/latest/meta-data/", 400)]
    [InlineData("https://metadata.google.internal/computeMetadata/v1/", 400)]
    [InlineData("https://127.0.0.1/hook", 400)]
    public async Task Post_WebhookUrl_PrivateAcceptedMetadataAndLoopbackRefused(string url, int expected)
    {
        var subscription = DeliveryHarness.Webhook("on-premises", new Uri(url), Secret, "/personId");

        var (status, body) = await hub.AdminAsync(HttpMethod.Post, "/api/admin/subscriptions", subscription.ToJsonString());

        Assert.Equal(expected, status);
        if (expected == 400)
        {
            Assert.Equal("destination-forbidden", body!["errors"]![0]!["code"]!.GetValue<string>());
        }
    }
}
