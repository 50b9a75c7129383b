namespace IntegrationHub.Tests.HubScript;

public sealed class UpConsoleSummaryTests : ScriptCheckoutTests
{
    [Fact]
    public async Task Up_Summary_PrintsTheConsoleUrlAndWhereTheDevelopmentOperatorsPasswordIs()
    {
        var passwordFile = Path.Combine(checkout.HubDirectory, "console-developer.password");
        await File.WriteAllTextAsync(passwordFile, "not-to-be-printed-password\n", TestContext.Current.CancellationToken);

        var result = await RunBesideRunningHubAsync(["up"], AtHubPort);

        Assert.Contains($"console:      {checkout.HealthUrl}/console", result.Output, StringComparison.Ordinal);
        Assert.Contains($"operator: developer, admin; its password is in {passwordFile}", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("not-to-be-printed-password", result.Output + result.Error, StringComparison.Ordinal);
    }
}
