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

    /// <summary>Asserts a refusal's status and code and, where given, the one field at fault; and that no
    /// <paramref name="auditAction"/> was audited for it.</summary>
    protected async Task AssertRefusedUnauditedAsync(IntakeHarness.Response refused, int status, string code, string? pointer,
        string auditAction)
    {
        Assert.Equal((status, code), (refused.Status, refused.Json.GetProperty("code").GetString()));
        if (pointer is not null)
        {
            Assert.Equal(pointer, Assert.Single(refused.Json.GetProperty("errors").EnumerateArray()).GetProperty("path").GetString());
        }

        Assert.Empty(await scenario.AuditAsync(auditAction));
    }
}
