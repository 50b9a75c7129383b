namespace IntegrationHub.Tests.Platform.Database;

public sealed class MigratorTests
{
    [Fact]
    public async Task MigrateAsync_TwoInstancesAtOnce_AppliesEachMigrationOnce()
    {
        var connectionString = await TestDatabase.CreateEmptyAsync("migrate_race");
        await using var first = NpgsqlDataSource.Create(connectionString);
        await using var second = NpgsqlDataSource.Create(connectionString);

        var results = await Task.WhenAll(
            new Migrator(first, TimeProvider.System).MigrateAsync(TestContext.Current.CancellationToken),
            new Migrator(second, TimeProvider.System).MigrateAsync(TestContext.Current.CancellationToken));

        Assert.Equal(MigrationCatalog.Migrations.Count, results.Sum(r => r.Count));
        await using var count = first.CreateCommand("SELECT count(*) FROM schema_version");
        Assert.Equal((long)MigrationCatalog.Migrations.Count, (long)(await count.ExecuteScalarAsync(TestContext.Current.CancellationToken))!);
    }

    [Fact]
    public async Task MigrateAsync_AlreadyCurrent_AppliesNothing()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestDatabase.CreateMigratedAsync("migrate_again"));
        var migrator = new Migrator(dataSource, TimeProvider.System);

        var applied = await migrator.MigrateAsync(TestContext.Current.CancellationToken);

        Assert.Empty(applied);
        Assert.Equal(MigrationCatalog.LatestVersion, await migrator.CurrentVersionAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task CurrentVersionAsync_EmptyDatabase_IsZero()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestDatabase.CreateEmptyAsync("migrate_none"));

        Assert.Equal(0, await new Migrator(dataSource, TimeProvider.System).CurrentVersionAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Migrations_AreNumberedInOrderFromOne()
    {
        var versions = MigrationCatalog.Migrations.Select(m => m.Version).ToList();

        // Gaps are allowed: engineers working in parallel are given ranges of numbers (0020-0029, ...).
        Assert.Equal(1, versions[0]);
        Assert.All(versions.Zip(versions.Skip(1)), pair => Assert.True(pair.First < pair.Second, $"{pair.First} then {pair.Second}"));
    }
}
