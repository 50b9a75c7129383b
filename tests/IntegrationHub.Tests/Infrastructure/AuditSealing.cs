using IntegrationHub.Platform.Audit;
using Npgsql;

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
}
