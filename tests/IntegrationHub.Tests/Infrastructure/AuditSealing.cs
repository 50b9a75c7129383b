namespace IntegrationHub.Tests.Infrastructure;

public static class AuditSealing
{
    /// <summary>
    /// Seals until every committed entry of this database is in the chain; returns how many were sealed. Sealing waits for
    /// every older transaction of the whole cluster to end, and other test classes share the cluster, so this retries.
    /// </summary>
    public static async Task<int> SealEverythingAsync(this NpgsqlDataSource dataSource)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var total = 0;
        while (true)
        {
            total += await AuditLog.SealAsync(dataSource, CancellationToken.None);
            var unsealed = await dataSource.CountAsync(
                "SELECT count(*) FROM audit_log a WHERE NOT EXISTS (SELECT 1 FROM audit_seal s WHERE s.seq = a.seq)");
            if (unsealed == 0)
            {
                return total;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{unsealed} audit entries were still unsealed after 60 s.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Changes a sealed entry's purpose as someone with the table owner's rights could: the append-only trigger switched
    /// off for the change and on again. The chain no longer matches at <paramref name="seq"/>.</summary>
    public static async Task AlterAuditEntryBehindTheTriggerAsync(this NpgsqlDataSource dataSource, long seq)
    {
        await using var tamper = dataSource.CreateCommand($"""
            ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
            UPDATE audit_log SET purpose = 'covering tracks' WHERE seq = {seq};
            ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;
            """);
        await tamper.ExecuteNonQueryAsync(CancellationToken.None);
    }
}
