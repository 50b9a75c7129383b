using IntegrationHub.Intake;
using IntegrationHub.Intake.Exchange;

namespace IntegrationHub.Tests.Intake.Exchange;

/// <summary>A hub on its own database and an exchange folder in a temp directory, with a place outside it for links to point at.</summary>
public sealed class ExchangeFolder : IAsyncDisposable
{
    private readonly string directory;

    private ExchangeFolder(string directory, IntakeHarness hub)
    {
        this.directory = directory;
        Hub = hub;
    }

    public IntakeHarness Hub { get; }

    /// <summary>The exchange root: <c>inbox/</c>, <c>processed/</c>, <c>failed/</c>.</summary>
    public string Root => Path.Combine(directory, "exchange");

    /// <summary>A folder beside the exchange root, not inside it.</summary>
    public string Outside => Path.Combine(directory, "outside");

    /// <param name="settings">More of the hub's configuration, beside the exchange's own.</param>
    /// <param name="services">More of the hub's services, as <see cref="IntakeHarness.StartAsync"/> takes them.</param>
    public static async Task<ExchangeFolder> StartAsync(string name, IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "hub-exchange-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(directory, "exchange", "inbox"));
        Directory.CreateDirectory(Path.Combine(directory, "outside"));
        var configuration = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Exchange:Root"] = Path.Combine(directory, "exchange"),
            ["Exchange:StableFor"] = "00:00:05",
            ["Exchange:MaxAttempts"] = "2",
            ["Exchange:RetryAfter"] = "00:00:00",
        };
        var hub = await IntakeHarness.StartAsync(name, configuration, services);
        return new ExchangeFolder(directory, hub);
    }

    /// <summary>The hub's own inbox, built from its configuration (<c>Exchange:*</c> as set above).</summary>
    public ExchangeInbox ConfiguredInbox() => Hub.Server.Services.GetRequiredService<ExchangeInbox>();

    /// <summary>An inbox as the hub would build it, over this folder, with the options a test needs.</summary>
    /// <remarks>A new instance per scan stands for a restarted hub: nothing may be kept in memory between scans.</remarks>
    public ExchangeInbox Inbox(Action<ExchangeOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new ExchangeOptions { Root = Root, StableFor = TimeSpan.FromSeconds(5) };
        configure?.Invoke(options);
        var services = Hub.Server.Services;
        return new ExchangeInbox(services.GetRequiredService<IntakeService>(), Options.Create(options),
            services.GetRequiredService<IOptions<IntakeOptions>>(), services.GetRequiredService<IExchangeStatuses>(),
            time ?? TimeProvider.System, services.GetRequiredService<ILogger<ExchangeInbox>>());
    }

    public string FeedFolder(string department, string feed)
    {
        var path = Path.Combine(Root, "inbox", department, feed);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Writes a file in the inbox; settled files look a minute old, older than any stability window the tests use.</summary>
    public string Drop(string department, string feed, string name, string content, bool settled = true) =>
        Write(Path.Combine(FeedFolder(department, feed), name), content, settled);

    public static string Write(string path, string content, bool settled = true)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        if (path.EndsWith(".gz", StringComparison.Ordinal))
        {
            using var compressed = new MemoryStream();
            using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(bytes);
            }

            bytes = compressed.ToArray();
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        if (settled)
        {
            Settle(path);
        }

        return path;
    }

    public static void Settle(string path) => File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-1));

    public string Processed(string department, string feed, string name) => Path.Combine(Root, "processed", department, feed, name);

    public string Failed(string department, string feed, string name) => Path.Combine(Root, "failed", department, feed, name);

    public Task<string> ReadAsync(string path) => File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);

    public Task<long> BatchesAsync(string batchIdPrefix) =>
        Hub.CountAsync($"SELECT count(*) FROM intake_batch WHERE batch_id LIKE '{batchIdPrefix}%'");

    public async Task ExecuteAsync(string sql)
    {
        await using var command = Hub.DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Every file the hub keeps about attempts, wherever it keeps them under the root.</summary>
    public IEnumerable<string> AttemptRecords() =>
        Directory.Exists(Path.Combine(Root, "attempts"))
            ? Directory.EnumerateFiles(Path.Combine(Root, "attempts"), "*", SearchOption.AllDirectories)
            : [];

    public async ValueTask DisposeAsync()
    {
        await Hub.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }
}
