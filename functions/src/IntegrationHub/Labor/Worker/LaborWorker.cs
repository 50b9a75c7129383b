using IntegrationHub.Labor.Households;

namespace IntegrationHub.Labor.Worker;

/// <summary>
/// Keeps labor facts current: recomputes the persons marked dirty, then those due by the calendar, then the households
/// whose members changed or are due, and again until nothing is left or the time budget is spent. Several workers (hub
/// instances, overlapping timer runs) may run at once. Between chunks it rests in proportion to the chunk's time
/// (<see cref="LaborOptions.DutyCycle"/>), so that catching up after a busy spell leaves the cores to intake and linking.
/// </summary>
public sealed class LaborWorker(PersonPass persons, HouseholdPass households, TimeProvider time, IOptions<LaborOptions> options)
{
    /// <summary>Works until nothing is left or <paramref name="budget"/> has passed; returns how many persons and
    /// households it recomputed.</summary>
    public Task<int> RunAsync(TimeSpan budget, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        return ChunkedWork.RunAsync(() => RoundAsync(started, budget, cancellationToken),
            () => time.GetElapsedTime(started) < budget);
    }

    private async Task<int> RoundAsync(long started, TimeSpan budget, CancellationToken cancellationToken)
    {
        // The dirty passes run chunk after chunk (a chunk a deadlock rolled back is run again in place); the due chunks once a
        // round (the round runs again, from RunAsync, while it did anything).
        bool WithinBudget() => time.GetElapsedTime(started) < budget;
        var round = await ChunkedWork.RunAsync(
            () => PacedAsync(() => persons.RunChunkAsync(due: false, cancellationToken), cancellationToken), WithinBudget);
        round += await PacedAsync(() => persons.RunChunkAsync(due: true, cancellationToken), cancellationToken);
        round += await ChunkedWork.RunAsync(
            () => PacedAsync(() => households.RunChunkAsync(due: false, cancellationToken), cancellationToken), WithinBudget);
        return round + await PacedAsync(() => households.RunChunkAsync(due: true, cancellationToken), cancellationToken);
    }

    /// <summary>Runs a chunk, then, if it did anything, rests so that working time is the duty cycle's share.</summary>
    private async Task<int> PacedAsync(Func<Task<int>> chunk, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var done = await chunk();
        var duty = options.Value.DutyCycle;
        if (done > 0 && duty is > 0 and < 1)
        {
            var rest = time.GetElapsedTime(started) * ((1 - duty) / duty);
            if (rest > TimeSpan.Zero)
            {
                await Task.Delay(rest, time, cancellationToken);
            }
        }

        return done;
    }

    public Task<int> RunUntilIdleAsync(CancellationToken cancellationToken) => RunAsync(TimeSpan.FromMinutes(10), cancellationToken);
}
