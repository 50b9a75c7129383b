using IntegrationHub.Handler;

namespace IntegrationHub.Tests.Infrastructure;

/// <summary>The real handler app on Kestrel at a free loopback port, configured for one test class's database.</summary>
public sealed class HubServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private HubServer(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => app.Services;

    public static async Task<HubServer> StartAsync(string connectionString, IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var arguments = new List<string>
        {
            "--urls=http://127.0.0.1:0",
            $"--Database:ConnectionString={connectionString}",
            "--Timers:Enabled=false",
            "--Logging:LogLevel:Default=Warning",

            // Tests drive linking themselves unless they ask for linking on arrival.
            "--Identity:InlineMaxRecords=0",
            $"--Protection:IdentityKey={TestKeys.IdentityKey}",
            $"--Protection:BlindIndexKey={TestKeys.BlindIndexKey}",
        };
        arguments.AddRange(TestLogFile.Arguments());
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            arguments.Add($"--{key}={value}");
        }

        var app = HubApplication.Build([.. arguments], builder =>
        {
            TestLogFile.AddTo(builder, connectionString);
            services?.Invoke(builder.Services);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new HubServer(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
