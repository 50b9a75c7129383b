using IntegrationHub.Events.Subscriptions;

namespace IntegrationHub.Events.Destinations;

/// <summary>
/// The hub's Microsoft Entra ID access token for Service Bus (<see cref="ServiceBusAuth.Scope"/>), from the registered
/// <see cref="TokenCredential"/> (DefaultAzureCredential unless the host registers another). A token is kept until five
/// minutes before it expires (or its refresh time), so the dispatcher does not ask Entra ID once per batch.
/// </summary>
internal sealed class EntraTokens(TokenCredential credential, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim gate = new(1, 1);
    private AccessToken? current;

    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        if (Fresh(current) is { } token)
        {
            return token;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(current) is { } again)
            {
                return again;
            }

            current = await credential.GetTokenAsync(new TokenRequestContext([ServiceBusAuth.Scope]), cancellationToken);
            return current.Value.Token;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    private string? Fresh(AccessToken? token)
    {
        if (token is not { } t)
        {
            return null;
        }

        var now = time.GetUtcNow();
        return now < t.ExpiresOn - Margin && (t.RefreshOn is null || now < t.RefreshOn) ? t.Token : null;
    }
}
