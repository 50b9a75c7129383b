using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Tests.Infrastructure;

/// <summary>A real HTTP server (Kestrel, loopback, a free port) that records every request byte for byte and answers
/// with whatever <see cref="Respond"/> says: the webhook receiver and the stand-in for Service Bus. Every body is also
/// kept for the check of delivered CloudEvents (<see cref="DeliveredCapture"/>).</summary>
public sealed class RecordingListener : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ReceivedRequest> received = new();

    private RecordingListener(WebApplication app) => this.app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The status to answer a request with (200 unless changed); may wait, to hold a request in flight.</summary>
    public Func<ReceivedRequest, Task<int>> Respond { get; set; } = _ => Task.FromResult(200);

    public IReadOnlyList<ReceivedRequest> Received => [.. received];

    /// <summary>The requests that were answered 2xx.</summary>
    public IReadOnlyList<ReceivedRequest> Accepted => [.. received.Where(r => r.Status is >= 200 and < 300)];

    public static async Task<RecordingListener> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var listener = new RecordingListener(app);
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            var request = new ReceivedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body.ToArray());
            DeliveredCapture.SaveRequest(request);
            request.Status = await listener.Respond(request);
            listener.received.Enqueue(request);
            context.Response.StatusCode = request.Status;
        });
        await app.StartAsync();
        listener.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return listener;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
