namespace IntegrationHub.Tests.Labor;

/// <summary>A test class whose every test gets a <see cref="LaborScenario"/> of its own, disposed after it.</summary>
/// <remarks>xunit makes a new instance of the class for each test, so <c>scenario</c> is never shared between tests. The
/// scenario's database is named after the concrete class. A class with more to arrange overrides
/// <see cref="InitializeAsync"/> and calls the base first; one with more to clean up overrides <see cref="DisposeAsync"/>.</remarks>
/// <param name="settings">More of the hub's configuration, where given.</param>
/// <param name="services">Services to add to the hub, where given.</param>
public abstract class LaborScenarioTests(IDictionary<string, string?>? settings = null,
    Action<IServiceCollection>? services = null) : IAsyncLifetime
{
    /// <summary>The scenario of the running test.</summary>
    protected LaborScenario scenario = null!;

    public virtual async ValueTask InitializeAsync() => scenario = await LaborScenario.StartAsync(GetType().Name, settings, services);

    public virtual async ValueTask DisposeAsync() => await scenario.DisposeAsync();
}
