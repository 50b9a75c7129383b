namespace IntegrationHub.Tests.HubScript;

public sealed class UpConsoleSummaryTests : IDisposable
{
    private readonly ScriptCheckout checkout = new();

    public void Dispose() => checkout.Dispose();

    [Fact]
    public async Task Up_Summary_PrintsTheConsoleUrlAndWhereTheDevelopmentOperatorsPasswordIs()
    {
        checkout.StartFakeHub(checkout.HealthUrl);
        var passwordFile = Path.Combine(checkout.HubDirectory, "console-developer.password");
        await File.WriteAllTextAsync(passwordFile, "not-to-be-printed-password\n", TestContext.Current.CancellationToken);

        var result = await checkout.RunAsync(["up"], new Dictionary<string, string?> { ["HUB_PORT"] = checkout.HealthPort.ToString(
            System.Globalization.CultureInfo.InvariantCulture) });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"console:      {checkout.HealthUrl}/console", result.Output, StringComparison.Ordinal);
        Assert.Contains($"operator: developer, admin; its password is in {passwordFile}", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("not-to-be-printed-password", result.Output + result.Error, StringComparison.Ordinal);
    }
}
