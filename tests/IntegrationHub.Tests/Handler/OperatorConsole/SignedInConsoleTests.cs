namespace IntegrationHub.Tests.Handler.OperatorConsole;

/// <summary>Tests on a hub of their own with an administrator signed in to its console over plain HTTP.</summary>
public abstract class SignedInConsoleTests(string operatorName) : IAsyncLifetime
{
    protected IntakeHarness Hub { get; private set; } = null!;

    protected ConsoleClient Client { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Hub = await IntakeHarness.StartAsync(GetType().Name);
        Client = await ConsoleClient.SignedInAsync(Hub.Server, operatorName, OperatorRole.Admin);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Hub.DisposeAsync();
    }
}
