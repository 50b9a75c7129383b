namespace IntegrationHub.Tests.Platform.Operators;

public sealed class OperatorStoreTests : IAsyncLifetime
{
    private readonly ManualTimeProvider clock = new();
    private NpgsqlDataSource dataSource = null!;
    private OperatorStore store = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        dataSource = NpgsqlDataSource.Create(await TestDatabase.CreateMigratedAsync(nameof(OperatorStoreTests)));
        store = new OperatorStore(dataSource, new AuditLog(clock), clock,
            Options.Create(new OperatorOptions { IdleMinutes = 20, LockAfterFailures = 5, LockMinutes = 15 }));
    }

    public async ValueTask DisposeAsync() => await dataSource.DisposeAsync();

    [Fact]
    public async Task Add_Password_StoredOnlyAsAnIteratedHash()
    {
        await store.AddAsync("hana", OperatorRole.Reviewer, "correct horse battery", "test", Token);

        await using var command = dataSource.CreateCommand("SELECT password_hash FROM operator WHERE name = 'hana'");
        var stored = (string)(await command.ExecuteScalarAsync(Token))!;
        Assert.StartsWith($"pbkdf2-sha256${PasswordHasher.Iterations}$", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("correct horse", stored, StringComparison.Ordinal);
        Assert.True(PasswordHasher.Verify("correct horse battery", stored));
        Assert.False(PasswordHasher.Verify("correct horse batterY", stored));
    }

    [Fact]
    public async Task Add_NameTakenOrMalformedOrShortPassword_IsRefusedWithItsCode()
    {
        await store.AddAsync("ivan", OperatorRole.Viewer, "a long enough password", "test", Token);

        var taken = await Assert.ThrowsAsync<OperatorException>(() => store.AddAsync("ivan", OperatorRole.Admin, "another long password", "test", Token));
        var malformed = await Assert.ThrowsAsync<OperatorException>(() => store.AddAsync("Ivan Smith", OperatorRole.Admin, "another long password", "test", Token));
        var weak = await Assert.ThrowsAsync<OperatorException>(() => store.AddAsync("jo", OperatorRole.Admin, "short", "test", Token));

        Assert.Equal("operator-exists", taken.Code);
        Assert.Equal("operator-name", malformed.Code);
        Assert.Equal("password-too-short", weak.Code);
    }

    [Fact]
    public async Task Resolve_SessionIdleLongerThanTheTimeout_IsGone()
    {
        await store.AddAsync("kim", OperatorRole.Admin, "a long enough password", "test", Token);
        var signedIn = await store.SignInAsync("kim", "a long enough password", Token);

        clock.Advance(TimeSpan.FromMinutes(19));
        var stillThere = await store.ResolveAsync(signedIn.Token!, Token);
        clock.Advance(TimeSpan.FromMinutes(19));
        var keptAliveByUse = await store.ResolveAsync(signedIn.Token!, Token);
        clock.Advance(TimeSpan.FromMinutes(21));
        var idle = await store.ResolveAsync(signedIn.Token!, Token);

        Assert.Equal(SignInResult.SignedIn, signedIn.Result);
        Assert.Equal("kim", stillThere?.Operator);
        Assert.Equal(OperatorRole.Admin, keptAliveByUse?.Role);
        Assert.Null(idle);
    }

    [Fact]
    public async Task SignIn_LockedAccount_OpensAgainAfterTheLockTime()
    {
        await store.AddAsync("lee", OperatorRole.Viewer, "a long enough password", "test", Token);
        for (var i = 0; i < 5; i++)
        {
            await store.SignInAsync("lee", "wrong", Token);
        }

        var locked = await store.SignInAsync("lee", "a long enough password", Token);
        clock.Advance(TimeSpan.FromMinutes(16));
        var open = await store.SignInAsync("lee", "a long enough password", Token);

        Assert.Equal(SignInResult.Locked, locked.Result);
        Assert.Equal(SignInResult.SignedIn, open.Result);
    }

    [Fact]
    public async Task SignOut_Session_IsGoneAndAuditedUnderTheOperator()
    {
        await store.AddAsync("max", OperatorRole.Reviewer, "a long enough password", "test", Token);
        var signedIn = await store.SignInAsync("max", "a long enough password", Token);

        await store.SignOutAsync(signedIn.Token!, Token);

        Assert.Null(await store.ResolveAsync(signedIn.Token!, Token));
        await using var command = dataSource.CreateCommand(
            "SELECT string_agg(action, ',' ORDER BY seq) FROM audit_log WHERE actor = 'operator:max'");
        Assert.Equal("operator.signed-in,operator.signed-out", await command.ExecuteScalarAsync(Token));
    }
}
