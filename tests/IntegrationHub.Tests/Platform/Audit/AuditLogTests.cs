using IntegrationHub.Platform.Audit;
using IntegrationHub.Tests.Infrastructure;
using Npgsql;

namespace IntegrationHub.Tests.Platform.Audit;

public sealed class AuditLogTests
{
    [Fact]
    public async Task VerifyAsync_UntouchedChain_IsIntact()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestDatabase.CreateMigratedAsync("audit_ok"));
        await AppendAsync(dataSource, 3);

        Assert.Null(await AuditLog.VerifyAsync(dataSource, TestContext.Current.CancellationToken));
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

        Assert.Null(await AuditLog.VerifyAsync(dataSource, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Update_AnyRow_IsRefused()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestDatabase.CreateMigratedAsync("audit_ro"));
        await AppendAsync(dataSource, 1);
        await using var update = dataSource.CreateCommand("UPDATE audit_log SET actor = 'someone-else'");

        var error = await Assert.ThrowsAsync<PostgresException>(() => update.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));

        Assert.Contains("append-only", error.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_RowAlteredBehindTheTrigger_NamesTheRow()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestDatabase.CreateMigratedAsync("audit_tamper"));
        await AppendAsync(dataSource, 3);
        await using var tamper = dataSource.CreateCommand("""
            ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
            UPDATE audit_log SET purpose = 'covering tracks' WHERE seq = 2;
            """);
        await tamper.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, await AuditLog.VerifyAsync(dataSource, TestContext.Current.CancellationToken));
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
}
