namespace IntegrationHub.Events.Destinations;

/// <summary>The one HTTP client the dispatcher sends with (pooled connections, refreshed for DNS changes, no redirects:
/// a redirect would send personal data somewhere the subscription does not name).</summary>
public sealed class DeliveryHttp : IDisposable
{
    public HttpClient Client { get; } = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AllowAutoRedirect = false,
    })
    {
        Timeout = TimeSpan.FromMinutes(2),
    };

    public void Dispose() => Client.Dispose();
}
