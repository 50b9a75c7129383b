namespace IntegrationHub.Tests.HubScript;

public sealed class StatusCommandTests : ScriptCheckoutTests
{
    [Fact]
    public async Task Status_HubStartedOnAnotherPort_AsksTheRecordedUrl()
    {
        checkout.StartFakeHub(checkout.HealthUrl);

        var result = await checkout.RunAsync(["status"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"health 200 at {checkout.HealthUrl}", result.Output, StringComparison.Ordinal);
    }
}
