[assembly: AssemblyFixture(typeof(IntegrationHub.Tests.Infrastructure.TestDatabase))]

namespace IntegrationHub.Tests.Infrastructure;

/// <summary>
/// The real PostgreSQL the tests run against: <c>HUB_TEST_DATABASE</c> (a connection string to an administrative database),
/// or a local default. Once per run it migrates a template database; each test class clones its own from it.
/// </summary>
public sealed class TestDatabase : IAsyncLifetime
{
    public const string Variable = "HUB_TEST_DATABASE";
    private const string TemplateName = "hub_test_template";
    private static readonly SemaphoreSlim CloneLock = new(1, 1);
    private static readonly System.Collections.Concurrent.ConcurrentBag<string> Migrated = [];

    public static string AdminConnectionString { get; } =
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured
            ? configured
            : "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Database=postgres";

    public async ValueTask InitializeAsync()
    {
        await DropIfExistsAsync(TemplateName);
        await ExecuteAsync($"CREATE DATABASE {TemplateName}");
        var template = ConnectionStringFor(TemplateName);
        await using (var dataSource = NpgsqlDataSource.Create(template))
        {
            await new Migrator(dataSource, TimeProvider.System).MigrateAsync(CancellationToken.None);
        }

        // CREATE DATABASE … TEMPLATE refuses while anyone is connected to the template.
        NpgsqlConnection.ClearAllPools();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await EventCapture.SaveAsync(Migrated);
    }

    /// <summary>A fresh, migrated database of the caller's own; returns its connection string.</summary>
    public static async Task<string> CreateMigratedAsync(string prefix)
    {
        var name = UniqueName("t", prefix);
        await CloneLock.WaitAsync();
        try
        {
            await ExecuteAsync($"CREATE DATABASE {name} TEMPLATE {TemplateName}");
        }
        finally
        {
            CloneLock.Release();
        }

        Migrated.Add(ConnectionStringFor(name));
        return ConnectionStringFor(name);
    }

    /// <summary>A fresh, migrated database with a bearer token issued in it for <paramref name="department"/>, for tests that
    /// run the hub as a process of its own.</summary>
    public static async Task<(string ConnectionString, string Token)> CreateMigratedWithTokenAsync(string prefix, string department)
    {
        var connectionString = await CreateMigratedAsync(prefix);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var token = BearerToken.Create();
        await new CredentialStore(dataSource, TimeProvider.System).IssueAsync(department, PrincipalKind.Department, token, CancellationToken.None);
        return (connectionString, token);
    }

    /// <summary>A fresh empty database (no migrations), for tests of the migrator itself.</summary>
    public static async Task<string> CreateEmptyAsync(string prefix)
    {
        var name = UniqueName("e", prefix);
        await ExecuteAsync($"CREATE DATABASE {name}");
        return ConnectionStringFor(name);
    }

    /// <summary>A database name no other test has: the whole GUID, after as much of the prefix as PostgreSQL's 63 bytes leave.</summary>
    /// <remarks>Cutting the whole name instead cut the GUID first, so a long prefix gave every caller the same name.</remarks>
    private static string UniqueName(string kind, string prefix)
    {
        var unique = Guid.NewGuid().ToString("N");
        var room = 63 - kind.Length - unique.Length - 2;
        var lowered = prefix.ToLowerInvariant();
        return $"{kind}_{(lowered.Length > room ? lowered[..room] : lowered)}_{unique}";
    }

    public static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database }.ConnectionString;

    private static async Task DropIfExistsAsync(string name) => await ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
