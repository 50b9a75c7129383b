namespace IntegrationHub.Tests.HubScript;

public sealed class StatusCommandTests : ScriptCheckoutTests
{
    [Fact]
    public async Task Status_HubStartedOnAnotherPort_AsksTheRecordedUrl()
    {
        var result = await RunBesideRunningHubAsync(["status"]);

        Assert.Contains($"health 200 at {checkout.HealthUrl}", result.Output, StringComparison.Ordinal);
    }
}
