namespace IntegrationHub.Platform.Database;

/// <summary>Background work done a chunk (one transaction) at a time, by several workers at once.</summary>
public static class ChunkedWork
{
    /// <summary>Runs <paramref name="chunk"/> once, then again while <paramref name="withinBudget"/> holds, until a chunk does
    /// nothing; returns what the chunks did, summed. A chunk a deadlock or a serialization failure rolled back is run again:
    /// it rolled back whole, so what it was to do is still marked and the next chunk takes it.</summary>
    /// <remarks>The first chunk runs whatever the budget, so that work a caller runs after other work (the policy worker's
    /// subjects due by the calendar, after those marked dirty) is never starved by it.</remarks>
    public static async Task<int> RunAsync(Func<Task<int>> chunk, Func<bool> withinBudget)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        ArgumentNullException.ThrowIfNull(withinBudget);
        var total = 0;
        do
        {
            int done;
            try
            {
                done = await chunk();
            }
            catch (PostgresException exception) when (exception.SqlState is PostgresErrorCodes.DeadlockDetected
                                                          or PostgresErrorCodes.SerializationFailure)
            {
                continue;
            }

            total += done;
            if (done == 0)
            {
                break;
            }
        }
        while (withinBudget());

        return total;
    }
}
