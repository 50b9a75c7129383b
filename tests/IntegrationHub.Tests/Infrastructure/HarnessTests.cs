namespace IntegrationHub.Tests.Infrastructure;

/// <summary>A test class whose every test gets a harness of its own (a hub on a fresh database), disposed after it.</summary>
/// <remarks>xunit makes a new instance of the class for each test, so <c>hub</c> is never shared between tests. The harness
/// is named after the concrete class, as its database is.</remarks>
/// <param name="start">Starts the harness, given the name of the test class.</param>
public abstract class HarnessTests<THarness>(Func<string, Task<THarness>> start) : IAsyncLifetime
    where THarness : IAsyncDisposable
{
    /// <summary>The harness of the running test.</summary>
    protected THarness hub = default!;

    public virtual async ValueTask InitializeAsync() => hub = await start(GetType().Name);

    public virtual async ValueTask DisposeAsync() => await hub.DisposeAsync();
}

/// <summary>Tests on an <see cref="IntakeHarness"/> of their own, with more of the hub's configuration where given.</summary>
public abstract class IntakeHarnessTests(IDictionary<string, string?>? settings = null)
    : HarnessTests<IntakeHarness>(name => IntakeHarness.StartAsync(name, settings));

/// <summary>Tests on a <see cref="DeliveryHarness"/> of their own, with more of the hub's configuration where given.</summary>
public abstract class DeliveryHarnessTests(IDictionary<string, string?>? settings = null, bool manualClock = true)
    : HarnessTests<DeliveryHarness>(name => DeliveryHarness.StartAsync(name, settings, manualClock))
{
    /// <summary>A webhook secret long enough to be accepted, for the subscriptions the tests register.</summary>
    protected const string Secret = "a-webhook-secret-that-is-long-enough-123";

    /// <summary>Settings for a hub as in Production: no webhooks on loopback (the harness allows them otherwise).</summary>
    protected static Dictionary<string, string?> AsInProduction() => new() { ["Events:AllowLoopbackHttp"] = null };
}
