namespace IntegrationHub.Platform.Health;

/// <summary>Answers whether the hub can do its job: database reachable and migrated to the version this build expects.</summary>
public sealed class HealthProbe(Migrator migrator)
{
    public static string Version { get; } =
        typeof(HealthProbe).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        var expected = MigrationCatalog.LatestVersion;
        int current;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            current = await migrator.CurrentVersionAsync(timeout.Token);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException or OperationCanceledException
                                              or InvalidOperationException)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            return new HealthReport(false, "unhealthy", false, 0, expected, Version, $"database unreachable: {Describe(exception)}");
        }

        if (current != expected)
        {
            return new HealthReport(false, "unhealthy", true, current, expected, Version,
                $"database schema is at version {current}, this build expects {expected}");
        }

        return new HealthReport(true, "healthy", true, current, expected, Version, null);
    }

    private static string Describe(Exception exception) => exception switch
    {
        PostgresException postgres => $"{postgres.SqlState} {postgres.MessageText}",
        OperationCanceledException => "timed out after 5 s",
        _ => exception.InnerException is { } inner ? $"{exception.Message} ({inner.Message})" : exception.Message,
    };
}
