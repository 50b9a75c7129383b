namespace IntegrationHub.Tests.Flows.Policy;

/// <summary>A test class whose every test gets a <see cref="PolicyScenario"/> of its own (on the shipped catalogue), disposed
/// after it.</summary>
/// <remarks>xunit makes a new instance of the class for each test, so <c>scenario</c> is never shared between tests.</remarks>
/// <param name="name">Prefixes the scenario's database name (see <see cref="TestDatabase"/>).</param>
public abstract class PolicyScenarioTests(string name) : IAsyncLifetime
{
    /// <summary>The scenario of the running test.</summary>
    protected PolicyScenario scenario = null!;

    public async ValueTask InitializeAsync() => scenario = await PolicyScenario.StartAsync(name);

    public async ValueTask DisposeAsync() => await scenario.DisposeAsync();
}
