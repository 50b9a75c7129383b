namespace IntegrationHub.Tests.Platform.Credentials;

public sealed class CredentialStoreTests
{
    [Fact]
    public async Task AuthenticateAsync_IssuedToken_ReturnsItsPrincipal()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestDatabase.CreateMigratedAsync("cred_ok"));
        var store = new CredentialStore(dataSource, TimeProvider.System);
        var token = BearerToken.Create();
        await store.IssueAsync("edu", PrincipalKind.Department, token, TestContext.Current.CancellationToken);

        var principal = await store.AuthenticateAsync(token, TestContext.Current.CancellationToken);

        Assert.Equal(new Principal("edu", PrincipalKind.Department), principal);
    }

    [Fact]
    public async Task AuthenticateAsync_UnknownOrReplacedToken_ReturnsNull()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestDatabase.CreateMigratedAsync("cred_no"));
        var store = new CredentialStore(dataSource, TimeProvider.System);
        var old = BearerToken.Create();
        await store.IssueAsync("tax", PrincipalKind.Department, old, TestContext.Current.CancellationToken);
        await store.IssueAsync("tax", PrincipalKind.Department, BearerToken.Create(), TestContext.Current.CancellationToken);

        Assert.Null(await store.AuthenticateAsync(old, TestContext.Current.CancellationToken));
        Assert.Null(await store.AuthenticateAsync(BearerToken.Create(), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task IssueAsync_StoresOnlyTheHash()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestDatabase.CreateMigratedAsync("cred_hash"));
        var token = BearerToken.Create();
        await new CredentialStore(dataSource, TimeProvider.System).IssueAsync("ps", PrincipalKind.Department, token,
            TestContext.Current.CancellationToken);
        await using var command = dataSource.CreateCommand("SELECT row_to_json(p)::text FROM principal p");

        var row = (string)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;

        Assert.DoesNotContain(token[BearerToken.Prefix.Length..], row, StringComparison.Ordinal);
    }
}
