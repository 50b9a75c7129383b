namespace IntegrationHub.Tests.Infrastructure;

/// <summary>
/// A data source built exactly as the hub builds its own (pooled connections not reset on return), holding a single
/// connection, so that a test sees what the previous user of that one connection left behind.
/// </summary>
public sealed class PlatformDataSource : IAsyncDisposable
{
    private readonly ServiceProvider provider;

    private PlatformDataSource(ServiceProvider provider)
    {
        this.provider = provider;
        DataSource = provider.GetRequiredService<NpgsqlDataSource>();
    }

    public NpgsqlDataSource DataSource { get; }

    public static PlatformDataSource WithOneConnection(string connectionString)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Database:ConnectionString"] = connectionString + ";Maximum Pool Size=1" })
            .Build();
        return new PlatformDataSource(new ServiceCollection().AddHubPlatform(configuration).BuildServiceProvider());
    }

    /// <summary>The pooled connection's backend, its advisory locks, its plan setting and the channels it listens on.</summary>
    public async Task<(int Pid, long AdvisoryLocks, string PlanCacheMode, long Channels)> SessionStateAsync()
    {
        await using var command = DataSource.CreateCommand("""
            SELECT pg_backend_pid(),
                   (SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()),
                   current_setting('plan_cache_mode'),
                   (SELECT count(*) FROM pg_listening_channels())
            """);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        await reader.ReadAsync(TestContext.Current.CancellationToken);
        return (reader.GetInt32(0), reader.GetInt64(1), reader.GetString(2), reader.GetInt64(3));
    }

    public async ValueTask DisposeAsync() => await provider.DisposeAsync();
}
