namespace IntegrationHub.Tests.Platform.Hosting;

public sealed class PlatformServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddHubPlatform_ConnectionStringWithoutMaximum_PoolStopsAtTheConfiguredSize()
    {
        var opened = await OpenUntilRefusedAsync(await TestDatabase.CreateMigratedAsync("pool_default") + ";Timeout=1", maxPoolSize: 2);

        Assert.Equal(2, opened);
    }

    [Fact]
    public async Task AddHubPlatform_ConnectionStringNamesItsMaximum_ThatMaximumWins()
    {
        var opened = await OpenUntilRefusedAsync(
            await TestDatabase.CreateMigratedAsync("pool_named") + ";Timeout=1;Maximum Pool Size=3", maxPoolSize: 2);

        Assert.Equal(3, opened);
    }

    /// <summary>Opens connections of a hub data source, holding each, until the pool refuses one; says how many opened.</summary>
    private static async Task<int> OpenUntilRefusedAsync(string connectionString, int maxPoolSize)
    {
        await using var provider = Build(connectionString, maxPoolSize);
        var dataSource = provider.GetRequiredService<NpgsqlDataSource>();
        var held = new List<NpgsqlConnection>();
        try
        {
            while (held.Count < 10)
            {
                held.Add(await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken));
            }
        }
        catch (NpgsqlException)
        {
            // The pool is exhausted: Npgsql gives up waiting for a connection after the connection string's Timeout.
        }
        finally
        {
            foreach (var connection in held)
            {
                await connection.DisposeAsync();
            }
        }

        return held.Count;
    }

    private static ServiceProvider Build(string connectionString, int maxPoolSize)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:ConnectionString"] = connectionString,
                ["Database:MaxPoolSize"] = maxPoolSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            })
            .Build();
        return new ServiceCollection().AddHubPlatform(configuration).BuildServiceProvider();
    }
}
