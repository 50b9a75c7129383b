namespace IntegrationHub.Tests.Platform.Audit;

public sealed class AuditLogTests
{
    [Fact]
    public async Task VerifyAsync_UntouchedChain_IsIntact()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestDatabase.CreateMigratedAsync("audit_ok"));
        await AppendAsync(dataSource, 3);

        Assert.Equal(3, await dataSource.SealEverythingAsync());

        Assert.Null(await AuditLog.VerifyAsync(dataSource, TestContext.Current.CancellationToken));
        Assert.Equal(3, await dataSource.CountAsync("SELECT count(*) FROM audit_seal"));
    }

    [Fact]
    public async Task VerifyAsync_NullSubjectAndChineseDetailHashedInTheDatabase_MatchTheVerifiersHash()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestDatabase.CreateMigratedAsync("audit_text"));
        var log = new AuditLog(new ManualTimeProvider());
        await using (var connection = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken))
        {
            await log.AppendAsync(connection, transaction, new AuditEntry("identity-linker", "person.link", "identity-reconciliation", null,
                """{"name": "李娜", "n": 1}"""), TestContext.Current.CancellationToken);
            await log.AppendAsync(connection, transaction, new AuditEntry("ps", "feed.submit", "intake", "ps/批次-1"),
                TestContext.Current.CancellationToken);
            await transaction.CommitAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal(2, await dataSource.SealEverythingAsync());
        Assert.Null(await AuditLog.VerifyAsync(dataSource, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Update_AnyRow_IsRefused()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestDatabase.CreateMigratedAsync("audit_ro"));
        await AppendAsync(dataSource, 1);
        await dataSource.SealEverythingAsync();
        await using var update = dataSource.CreateCommand("UPDATE audit_log SET actor = 'someone-else'");
        await using var unseal = dataSource.CreateCommand("DELETE FROM audit_seal");

        var error = await Assert.ThrowsAsync<PostgresException>(() => update.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
        var sealError = await Assert.ThrowsAsync<PostgresException>(() => unseal.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));

        Assert.Contains("append-only", error.MessageText, StringComparison.Ordinal);
        Assert.Contains("append-only", sealError.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_RowAlteredBehindTheTrigger_NamesTheRow()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestDatabase.CreateMigratedAsync("audit_tamper"));
        await AppendAsync(dataSource, 3);
        await dataSource.SealEverythingAsync();
        var second = await dataSource.CountAsync("SELECT seq FROM audit_seal WHERE position = 2");
        await using var tamper = dataSource.CreateCommand($"""
            ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
            UPDATE audit_log SET purpose = 'covering tracks' WHERE seq = {second};
            """);
        await tamper.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);

        Assert.Equal(second, await AuditLog.VerifyAsync(dataSource, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AppendAsync_AnotherAppendersTransactionStillOpen_DoesNotWait()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestDatabase.CreateMigratedAsync("audit_nowait"));
        var log = new AuditLog(new ManualTimeProvider());
        await using var open = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var openTransaction = await open.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await log.AppendAsync(open, openTransaction, new AuditEntry("hr", "feed.submit", "intake", "slow"), TestContext.Current.CancellationToken);

        await using (var connection = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken))
        {
            // Before sealing existed, this append waited for the open transaction's lock: here it would fail after 2 s.
            await using (var timeout = new NpgsqlCommand("SET LOCAL lock_timeout = '2s'", connection, transaction))
            {
                await timeout.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            }

            await log.AppendAsync(connection, transaction, new AuditEntry("edu", "feed.submit", "intake", "fast"), TestContext.Current.CancellationToken);
            await transaction.CommitAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal(1, await dataSource.CountAsync("SELECT count(*) FROM audit_log WHERE subject = 'fast'"));
    }

    [Fact]
    public async Task SealAsync_OlderTransactionStillOpen_SealsNothingAfterItUntilItEnds()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestDatabase.CreateMigratedAsync("audit_order"));
        var log = new AuditLog(new ManualTimeProvider());
        await using var older = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var olderTransaction = await older.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await log.AppendAsync(older, olderTransaction, new AuditEntry("hr", "feed.submit", "intake", "older"), TestContext.Current.CancellationToken);
        await AppendAsync(dataSource, 2);
        await AppendRolledBackAsync(dataSource, log);

        Assert.Equal(0, await AuditLog.SealAsync(dataSource, TestContext.Current.CancellationToken));

        await olderTransaction.CommitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(3, await dataSource.SealEverythingAsync());
        await AppendAsync(dataSource, 1);
        Assert.Equal(1, await dataSource.SealEverythingAsync());

        Assert.Null(await AuditLog.VerifyAsync(dataSource, TestContext.Current.CancellationToken));
        Assert.Equal(1, await dataSource.CountAsync(
            "SELECT position FROM audit_seal s JOIN audit_log a USING (seq) WHERE a.subject = 'older'"));
        Assert.Equal(0, await dataSource.CountAsync("SELECT count(*) FROM audit_log WHERE subject = 'rolled-back'"));
    }

    [Fact]
    public async Task VerifyAsync_SealedEntryDeletedBehindTheTriggers_NamesTheEntry()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestDatabase.CreateMigratedAsync("audit_gone"));
        await AppendAsync(dataSource, 3);
        await dataSource.SealEverythingAsync();
        var third = await dataSource.CountAsync("SELECT seq FROM audit_seal WHERE position = 3");
        await using var tamper = dataSource.CreateCommand($"""
            ALTER TABLE audit_seal DISABLE TRIGGER audit_seal_append_only;
            DELETE FROM audit_seal WHERE position = 2;
            """);
        await tamper.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);

        Assert.Equal(third, await AuditLog.VerifyAsync(dataSource, TestContext.Current.CancellationToken));
    }

    private static async Task AppendAsync(NpgsqlDataSource dataSource, int count)
    {
        var log = new AuditLog(new ManualTimeProvider());
        for (var i = 0; i < count; i++)
        {
            await using var connection = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken);
            await log.AppendAsync(connection, transaction,
                new AuditEntry("hr", "feed.submit", "intake", $"batch-{i}", $$"""{"n":{{i}}}"""), TestContext.Current.CancellationToken);
            await transaction.CommitAsync(TestContext.Current.CancellationToken);
        }
    }

    private static async Task AppendRolledBackAsync(NpgsqlDataSource dataSource, AuditLog log)
    {
        await using var connection = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await log.AppendAsync(connection, transaction, new AuditEntry("hr", "feed.submit", "intake", "rolled-back"),
            TestContext.Current.CancellationToken);
        await transaction.RollbackAsync(TestContext.Current.CancellationToken);
    }
}
