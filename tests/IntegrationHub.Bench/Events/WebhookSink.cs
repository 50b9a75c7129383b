using System.Net.Sockets;

namespace IntegrationHub.Bench.Events;

/// <summary>The benchmark's webhook: a local HttpListener that answers 200 and notes, for every CloudEvent, when it arrived
/// and its identity number (the bench's subscription may see numbers, which is how an event is traced to its batch).
/// Requests are served side by side; each answer waits <c>delay</c> first, as a remote webhook's round trip would.</summary>
public sealed class WebhookSink : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Task loop;

    private readonly TimeSpan delay;

    public WebhookSink(TimeSpan delay)
    {
        this.delay = delay;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Url = new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/bench/");
        }

        listener.Prefixes.Add(Url.ToString());
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    public ConcurrentQueue<Arrival> Arrivals { get; } = new();

    public int Requests => requests;

    private int requests;

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        try
        {
            loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay);
        }

        var at = DateTimeOffset.UtcNow;
        Interlocked.Increment(ref requests);
        context.Response.StatusCode = 200;
        context.Response.Close();
        using var document = JsonDocument.Parse(body.ToArray());
        var events = document.RootElement.ValueKind == JsonValueKind.Array ? [.. document.RootElement.EnumerateArray()]
            : new[] { document.RootElement };
        foreach (var e in events)
        {
            var data = e.GetProperty("data");
            Arrivals.Enqueue(new Arrival(at, e.GetProperty("time").GetDateTimeOffset(), e.GetProperty("subject").GetString()!,
                data.TryGetProperty("identityNumber", out var number) ? number.GetString() : null));
        }
    }
}
