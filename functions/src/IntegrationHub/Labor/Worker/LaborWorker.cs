using IntegrationHub.Labor.Households;
using Npgsql;

namespace IntegrationHub.Labor.Worker;

/// <summary>
/// Keeps labor facts current: recomputes the persons marked dirty, then those due by the calendar, then the households
/// whose members changed or are due, and again until nothing is left or the time budget is spent. Several workers (hub
/// instances, overlapping timer runs) may run at once.
/// </summary>
public sealed class LaborWorker(PersonPass persons, HouseholdPass households, TimeProvider time)
{
    /// <summary>Works until nothing is left or <paramref name="budget"/> has passed; returns how many persons and
    /// households it recomputed.</summary>
    public async Task<int> RunAsync(TimeSpan budget, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var total = 0;
        while (time.GetElapsedTime(started) < budget)
        {
            int round;
            try
            {
                round = await RoundAsync(started, budget, cancellationToken);
            }
            catch (PostgresException exception) when (exception.SqlState is PostgresErrorCodes.DeadlockDetected
                                                          or PostgresErrorCodes.SerializationFailure)
            {
                // The chunk rolled back whole; its persons are still marked and the next round takes them again.
                continue;
            }

            total += round;
            if (round == 0)
            {
                break;
            }
        }

        return total;
    }

    private async Task<int> RoundAsync(long started, TimeSpan budget, CancellationToken cancellationToken)
    {
        var round = 0;
        int step;
        while ((step = await persons.RunChunkAsync(due: false, cancellationToken)) > 0 && time.GetElapsedTime(started) < budget)
        {
            round += step;
        }

        round += step + await persons.RunChunkAsync(due: true, cancellationToken);
        while ((step = await households.RunChunkAsync(due: false, cancellationToken)) > 0 && time.GetElapsedTime(started) < budget)
        {
            round += step;
        }

        return round + step + await households.RunChunkAsync(due: true, cancellationToken);
    }

    public Task<int> RunUntilIdleAsync(CancellationToken cancellationToken) => RunAsync(TimeSpan.FromMinutes(10), cancellationToken);
}
