namespace IntegrationHub.Events.Destinations;

/// <summary>The one HTTP client the dispatcher sends with (pooled connections, refreshed for DNS changes, no redirects:
/// a redirect would send personal data somewhere the subscription does not name), which connects only to addresses the
/// <see cref="DestinationPolicy"/> allows.</summary>
/// <remarks>
/// The check is in the connection itself (<see cref="SocketsHttpHandler.ConnectCallback"/>): the host is resolved there,
/// every address it resolves to is judged (names are judged by their addresses here, <c>localhost</c> and the metadata
/// names included), and the socket connects to an allowed one by address, so a name that resolves
/// to a public address when the subscription is registered and to a metadata or private one later (DNS rebinding) is
/// still refused. A refused connection fails the request with a <see cref="DestinationForbiddenException"/> inside the
/// <see cref="HttpRequestException"/>, which the senders record as the delivery's error. No proxy is used: through one,
/// the connection would be to the proxy, and the destination's address would not be checked.
/// </remarks>
internal sealed class DeliveryHttp : IDisposable
{
    private readonly DestinationPolicy policy;

    public DeliveryHttp(DestinationPolicy policy)
    {
        this.policy = policy;
        Client = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AllowAutoRedirect = false,
            UseProxy = false,
            ConnectCallback = ConnectAsync,
        })
        {
            Timeout = TimeSpan.FromMinutes(2),
        };
    }

    public HttpClient Client { get; }

    public void Dispose() => Client.Dispose();

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host.TrimEnd('.');
        IPAddress[] addresses;
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            addresses = [literal];
        }
        else
        {
            addresses = await Dns.GetHostAddressesAsync(host, cancellationToken);
        }

        var allowed = addresses.Where(a => policy.Refusal(host, a) is null).ToArray();
        if (allowed.Length == 0)
        {
            throw new DestinationForbiddenException(addresses.Length == 0
                ? $"{host} resolves to no address."
                : policy.Refusal(host, addresses[0])!);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
