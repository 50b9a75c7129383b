using IntegrationHub.Platform.Hosting;
using IntegrationHub.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IntegrationHub.Tests.Platform.Hosting;

public sealed class PlatformServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddHubPlatform_ConnectionStringWithoutMaximum_PoolStopsAtTheConfiguredSize()
    {
        var connectionString = await TestDatabase.CreateMigratedAsync("pool_default") + ";Timeout=1";
        await using var provider = Build(connectionString, maxPoolSize: 2);
        var dataSource = provider.GetRequiredService<NpgsqlDataSource>();

        await using var first = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var second = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<NpgsqlException>(async () =>
            await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AddHubPlatform_ConnectionStringNamesItsMaximum_ThatMaximumWins()
    {
        var connectionString = await TestDatabase.CreateMigratedAsync("pool_named") + ";Timeout=1;Maximum Pool Size=3";
        await using var provider = Build(connectionString, maxPoolSize: 2);
        var dataSource = provider.GetRequiredService<NpgsqlDataSource>();

        await using var first = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var second = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var third = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<NpgsqlException>(async () =>
            await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken));
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
