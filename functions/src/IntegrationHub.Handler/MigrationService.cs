namespace IntegrationHub.Handler;

/// <summary>
/// Migrates the database when the hub starts. If the database is down the hub still serves (health says why)
/// and keeps trying, so a database that comes up later is migrated without a restart.
/// </summary>
public sealed class MigrationService(Migrator migrator, TimeProvider time, IConfiguration configuration, ILogger<MigrationService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Database:MigrateOnStart", true))
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var applied = await migrator.MigrateAsync(stoppingToken);
                logger.LogInformation("Database migrated; {Count} migration(s) applied, schema at version {Version}",
                    applied.Count, MigrationCatalog.LatestVersion);
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
            {
                logger.LogWarning("Database not ready for migrations ({Reason}); retrying in 5 s", exception.Message);
                await Task.Delay(TimeSpan.FromSeconds(5), time, stoppingToken);
            }
        }
    }
}
