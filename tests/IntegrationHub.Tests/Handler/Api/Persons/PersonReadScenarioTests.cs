namespace IntegrationHub.Tests.Handler.Api.Persons;

/// <summary>A test class whose every test gets a <see cref="PersonReadScenario"/> of its own, disposed after it.</summary>
/// <remarks>The scenario's database is named after the concrete class. A class with more to arrange overrides
/// <see cref="InitializeAsync"/> and calls the base first.</remarks>
public abstract class PersonReadScenarioTests : IAsyncLifetime
{
    /// <summary>The scenario of the running test.</summary>
    protected PersonReadScenario scenario = null!;

    public virtual async ValueTask InitializeAsync() => scenario = await PersonReadScenario.StartAsync(GetType().Name);

    public virtual async ValueTask DisposeAsync() => await scenario.DisposeAsync();
}
