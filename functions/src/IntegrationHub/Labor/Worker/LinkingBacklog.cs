using IntegrationHub.Intake.Published;

namespace IntegrationHub.Labor.Worker;

/// <summary>
/// Tells the labor worker to wait while identity has a large load to link. Facts follow links: recomputed while a load is
/// still being linked, a person's facts are worked out again for every segment that adds records to them, and that work
/// took as much of the database as linking itself during a million-record load. Waiting is bounded by
/// <see cref="LaborOptions.MaxWaitForLinking"/>, so a stream of loads never keeps facts stale for longer.
/// </summary>
public sealed class LinkingBacklog(NpgsqlDataSource dataSource, IOptions<LaborOptions> options, TimeProvider time)
{
    private DateTimeOffset? waitingSince;

    public async Task<bool> ShouldWaitAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(StoredLines.UnlinkedCount);
        var unlinked = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        if (unlinked <= options.Value.WaitWhileUnlinkedAbove)
        {
            waitingSince = null;
            return false;
        }

        waitingSince ??= time.GetUtcNow();
        return time.GetUtcNow() - waitingSince.Value < options.Value.MaxWaitForLinking;
    }
}
