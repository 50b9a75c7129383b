namespace IntegrationHub.Tests.HubScript;

/// <summary>A test class whose every test runs the script in a throw-away <see cref="ScriptCheckout"/> of its own.</summary>
public abstract class ScriptCheckoutTests : IDisposable
{
    protected readonly ScriptCheckout checkout = new();

    public void Dispose()
    {
        checkout.Dispose();
        GC.SuppressFinalize(this);
    }
}
