namespace IntegrationHub.Tests.Platform.Audit;

public sealed class AuditChainWatchTests
{
    [Fact]
    public async Task CheckAsync_NewSealsSinceTheLastCheck_VerifiesThroughTheNewest()
    {
        await using var dataSource = await SealedChainAsync("audit_watch_new", 3);
        var (watch, first) = await CheckedThenGrownAsync(dataSource, 2);

        var second = await watch.CheckAsync(TestContext.Current.CancellationToken);

        Assert.Null(first.BrokenSeq);
        Assert.Null(second.BrokenSeq);
        Assert.Equal(first.VerifiedThrough + 2, second.VerifiedThrough);
        Assert.Equal(await dataSource.CountAsync("SELECT max(position) FROM audit_seal"), second.VerifiedThrough);
    }

    [Fact]
    public async Task CheckAsync_SealLastVerifiedAltered_NamesItsEntry()
    {
        await using var dataSource = await SealedChainAsync("audit_watch_anchor", 3);
        var watch = new AuditChainWatch(dataSource, new ManualTimeProvider());
        var checkedThrough = (await watch.CheckAsync(TestContext.Current.CancellationToken)).VerifiedThrough;
        var last = await dataSource.CountAsync($"SELECT seq FROM audit_seal WHERE position = {checkedThrough}");
        await dataSource.AlterAuditEntryBehindTheTriggerAsync(last);

        var status = await watch.CheckAsync(TestContext.Current.CancellationToken);

        Assert.Equal(last, status.BrokenSeq);
    }

    [Fact]
    public async Task VerifyAllAsync_EntryAlteredBeforeTheLastVerifiedSeal_IsFoundAndStaysReportedByLaterChecks()
    {
        await using var dataSource = await SealedChainAsync("audit_watch_full", 4);
        var watch = new AuditChainWatch(dataSource, new ManualTimeProvider());
        await watch.CheckAsync(TestContext.Current.CancellationToken);
        var second = await dataSource.CountAsync("SELECT seq FROM audit_seal WHERE position = 2");
        await dataSource.AlterAuditEntryBehindTheTriggerAsync(second);
        var incremental = await watch.CheckAsync(TestContext.Current.CancellationToken);

        var full = await watch.VerifyAllAsync(TestContext.Current.CancellationToken);
        await AppendSealedAsync(dataSource, 1);
        var later = await watch.CheckAsync(TestContext.Current.CancellationToken);

        Assert.Null(incremental.BrokenSeq);
        Assert.Equal(second, full.BrokenSeq);
        Assert.NotNull(full.FullCheckAt);
        Assert.Equal(second, later.BrokenSeq);
        Assert.Equal(second, await AuditLog.VerifyAsync(dataSource, TestContext.Current.CancellationToken));
    }

    /// <summary>The daily whole walk holds the verification row for as long as it walks; the dashboard's incremental check does
    /// not wait behind it but answers at once with the status last recorded.</summary>
    [Fact]
    public async Task CheckAsync_WholeWalkHoldingTheRow_ReturnsTheLastStatusWithoutWaiting()
    {
        await using var dataSource = await SealedChainAsync("audit_watch_busy", 3);
        var (watch, last) = await CheckedThenGrownAsync(dataSource, 2);
        await using var walking = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var walk = await walking.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await using (var hold = new NpgsqlCommand("SELECT 1 FROM audit_verification FOR UPDATE", walking, walk))
        {
            await hold.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        using var patience = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        patience.CancelAfter(TimeSpan.FromSeconds(10));
        var status = await watch.CheckAsync(patience.Token);

        Assert.Equal(last, status);
        await walk.RollbackAsync(TestContext.Current.CancellationToken);
        Assert.Equal(last.VerifiedThrough + 2, (await watch.CheckAsync(TestContext.Current.CancellationToken)).VerifiedThrough);
    }

    /// <summary>A fresh database whose chain holds <paramref name="count"/> sealed entries.</summary>
    private static async Task<NpgsqlDataSource> SealedChainAsync(string name, int count)
    {
        var dataSource = NpgsqlDataSource.Create(await TestDatabase.CreateMigratedAsync(name));
        await AppendSealedAsync(dataSource, count);
        return dataSource;
    }

    /// <summary>A watch that has checked the chain once, and its status; then <paramref name="count"/> more sealed entries.</summary>
    private static async Task<(AuditChainWatch Watch, AuditChainStatus Checked)> CheckedThenGrownAsync(NpgsqlDataSource dataSource, int count)
    {
        var watch = new AuditChainWatch(dataSource, new ManualTimeProvider());
        var status = await watch.CheckAsync(TestContext.Current.CancellationToken);
        await AppendSealedAsync(dataSource, count);
        return (watch, status);
    }

    private static async Task AppendSealedAsync(NpgsqlDataSource dataSource, int count)
    {
        var log = new AuditLog(new ManualTimeProvider());
        for (var i = 0; i < count; i++)
        {
            await log.AppendAsync(dataSource, new AuditEntry("hr", "feed.submit", "intake", $"entry-{i}"), TestContext.Current.CancellationToken);
        }

        await dataSource.SealEverythingAsync();
    }
}
