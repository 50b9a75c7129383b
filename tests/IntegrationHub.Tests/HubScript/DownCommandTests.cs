namespace IntegrationHub.Tests.HubScript;

public sealed class DownCommandTests : ScriptCheckoutTests
{
    [Fact]
    public async Task Down_RunningHub_ForgetsItsUrl()
    {
        checkout.StartFakeHub(checkout.HealthUrl);

        var result = await checkout.RunAsync(["down"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("stopped the hub", result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(checkout.HubDirectory, "hub.url")), "hub.url is still there");
    }
}
