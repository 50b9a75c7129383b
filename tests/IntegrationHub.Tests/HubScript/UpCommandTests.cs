namespace IntegrationHub.Tests.HubScript;

public sealed class UpCommandTests : ScriptCheckoutTests
{
    [Fact]
    public async Task Up_HubAlreadyRunningOnAnotherPort_SaysWhereWithoutBeingTold()
    {
        var pid = checkout.StartFakeHub(checkout.HealthUrl);

        var result = await checkout.RunAsync(["up"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"already running (pid {pid}) at {checkout.HealthUrl}", result.Output, StringComparison.Ordinal);
        Assert.Contains($"url:          {checkout.HealthUrl}", result.Output, StringComparison.Ordinal);
    }

    /// <summary>HUB_PORT is given too, so that the script finds the stand-in hub even where it does not read .hub/hub.url.</summary>
    [Fact]
    public async Task Up_Summary_NamesThePasswordFileNotThePassword()
    {
        var result = await RunBesideRunningHubAsync(["up"], AtHubPort);

        Assert.DoesNotContain(checkout.PgPassword, result.Output + result.Error, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(checkout.HubDirectory, "pg.env"), result.Output, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:55999", result.Output, StringComparison.Ordinal);
    }
}
