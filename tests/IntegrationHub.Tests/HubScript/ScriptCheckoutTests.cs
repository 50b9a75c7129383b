namespace IntegrationHub.Tests.HubScript;

/// <summary>A test class whose every test runs the script in a throw-away <see cref="ScriptCheckout"/> of its own.</summary>
public abstract class ScriptCheckoutTests : IDisposable
{
    protected readonly ScriptCheckout checkout = new();

    /// <summary>An environment naming the stand-in hub's port as <c>HUB_PORT</c>, for commands that do not read <c>.hub/hub.url</c>.</summary>
    protected IReadOnlyDictionary<string, string?> AtHubPort =>
        new Dictionary<string, string?> { ["HUB_PORT"] = checkout.HealthPort.ToString(CultureInfo.InvariantCulture) };

    public void Dispose()
    {
        checkout.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Runs the script while the stand-in hub "runs" at <see cref="ScriptCheckout.HealthUrl"/>, and fails the test
    /// unless the script succeeded.</summary>
    protected async Task<ScriptResult> RunBesideRunningHubAsync(string[] arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        checkout.StartFakeHub(checkout.HealthUrl);
        var result = await checkout.RunAsync(arguments, environment);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }
}
