namespace IntegrationHub.Tests.HubScript;

public sealed class DownCommandTests : ScriptCheckoutTests
{
    [Fact]
    public async Task Down_RunningHub_ForgetsItsUrl()
    {
        var result = await RunBesideRunningHubAsync(["down"]);

        Assert.Contains("stopped the hub", result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(checkout.HubDirectory, "hub.url")), "hub.url is still there");
    }
}
