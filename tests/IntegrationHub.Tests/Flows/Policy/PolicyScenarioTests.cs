namespace IntegrationHub.Tests.Flows.Policy;

/// <summary>A test class whose every test gets a <see cref="PolicyScenario"/> of its own (on the shipped catalogue), disposed
/// after it.</summary>
/// <remarks>xunit makes a new instance of the class for each test, so <c>scenario</c> is never shared between tests. The
/// scenario's database is named after the concrete class, as a harness's is (<see cref="HarnessTests{THarness}"/>).</remarks>
/// <param name="policy">The id of the shipped policy the class decides, where it is about one (see <see cref="Policy"/>).</param>
public abstract class PolicyScenarioTests(string? policy = null) : IAsyncLifetime
{
    /// <summary>The scenario of the running test.</summary>
    protected PolicyScenario scenario = null!;

    /// <summary>The shipped policy the class decides, checked against the catalogue (<see cref="PolicyFolder.ShippedId"/>).</summary>
    protected string Policy => PolicyFolder.ShippedId(policy ?? throw new InvalidOperationException($"{GetType().Name} names no policy."));

    public virtual async ValueTask InitializeAsync() => scenario = await PolicyScenario.StartAsync(GetType().Name);

    public virtual async ValueTask DisposeAsync() => await scenario.DisposeAsync();
}
