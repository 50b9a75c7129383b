namespace IntegrationHub.Tests.Platform.Audit;

public sealed class AuditChainWatchTests
{
    [Fact]
    public async Task CheckAsync_NewSealsSinceTheLastCheck_VerifiesThroughTheNewest()
    {
        await using var dataSource = await SealedChainAsync("audit_watch_new", 3);
        var watch = new AuditChainWatch(dataSource, new ManualTimeProvider());
        var first = await watch.CheckAsync(TestContext.Current.CancellationToken);
        await AppendSealedAsync(dataSource, 2);

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

    /// <summary>A fresh database whose chain holds <paramref name="count"/> sealed entries.</summary>
    private static async Task<NpgsqlDataSource> SealedChainAsync(string name, int count)
    {
        var dataSource = NpgsqlDataSource.Create(await TestDatabase.CreateMigratedAsync(name));
        await AppendSealedAsync(dataSource, count);
        return dataSource;
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
