namespace IntegrationHub.Tests.Handler;

/// <summary>Tests on a bare <see cref="HubServer"/> of their own (a fresh migrated database, nothing sent), as the Functions
/// host would find the hub.</summary>
public abstract class HubServerTests()
    : HarnessTests<HubServer>(async name => await HubServer.StartAsync(await TestDatabase.CreateMigratedAsync(name)));
