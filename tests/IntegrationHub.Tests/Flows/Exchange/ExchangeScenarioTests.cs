namespace IntegrationHub.Tests.Flows.Exchange;

/// <summary>A test class whose every test runs on a fresh <see cref="ExchangeScenario"/> of its own (started before the test,
/// after <see cref="SetUpAsync"/>'s records are in, and disposed after it).</summary>
public abstract class ExchangeScenarioTests(string name, IDictionary<string, string?>? settings = null) : IAsyncLifetime
{
    protected ExchangeScenario Scenario { get; private set; } = null!;

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Scenario = await ExchangeScenario.StartAsync(name, settings);
        await SetUpAsync();
    }

    public virtual async ValueTask DisposeAsync()
    {
        await Scenario.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Asserts a refusal: the status, and its first error's JSON Pointer and code.</summary>
    protected static void AssertRefused(IntakeHarness.Response response, int status, string pointer, string code)
    {
        Assert.Equal(status, response.Status);
        var error = response.Json.GetProperty("errors")[0];
        Assert.Equal((pointer, code), (error.GetProperty("path").GetString(), error.GetProperty("code").GetString()));
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
    }

    /// <summary>What every test of the class starts from (records sent and settled); nothing unless overridden.</summary>
    protected virtual Task SetUpAsync() => Task.CompletedTask;
}
