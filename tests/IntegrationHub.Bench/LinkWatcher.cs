namespace IntegrationHub.Bench;

/// <summary>
/// Watches the hub's database for batches becoming linked: one connection and one query per round for every batch
/// waiting, instead of a query per batch. The bench runs on the hub's own cores, so what it spends is taken from the hub.
/// </summary>
public sealed class LinkWatcher(NpgsqlDataSource database, string department) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Waiting> waiting = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim arrived = new(0);
    private readonly CancellationTokenSource stopping = new();
    private Task? loop;

    private Exception? failure;

    public void Start() => loop = Task.Run(async () =>
    {
        try
        {
            await RunAsync(stopping.Token);
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
        {
            // Whoever waits hears of it, rather than waiting for ever.
            failure = exception;
            foreach (var entry in waiting.Values)
            {
                entry.Linked.TrySetException(exception);
            }
        }
    });

    /// <summary>
    /// Completes when the batch is linked, with how many rounds found it not yet linked (0: it was linked when first
    /// looked at, right after the reply).
    /// </summary>
    public Task<int> WaitAsync(string batchId)
    {
        if (failure is not null)
        {
            return Task.FromException<int>(failure);
        }

        var entry = new Waiting();
        waiting[batchId] = entry;
        arrived.Release();
        return entry.Linked.Task;
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT b.batch_id FROM intake_batch b
            WHERE b.department = $1 AND b.batch_id = ANY($2) AND b.linked_through >= b.stored_through
              -- A record deferred for the probabilistic matcher has no person yet: its batch is not linked until it is matched.
              AND NOT EXISTS (SELECT 1 FROM intake_line l JOIN link_deferred d ON d.department = l.department AND d.feed = b.feed
                                  AND d.record_id = l.record_id AND d.version = l.version
                              WHERE l.department = b.department AND l.batch_id = b.batch_id)
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = department });
        command.Parameters.Add(new NpgsqlParameter { Value = Array.Empty<string>() });
        await command.PrepareAsync(cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            if (waiting.IsEmpty)
            {
                await arrived.WaitAsync(cancellationToken);
                continue;
            }

            var ids = waiting.Keys.ToArray();
            command.Parameters[1].Value = ids;
            var linked = new HashSet<string>(StringComparer.Ordinal);
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    linked.Add(reader.GetString(0));
                }
            }

            foreach (var id in ids)
            {
                if (linked.Contains(id) && waiting.TryRemove(id, out var done))
                {
                    done.Linked.TrySetResult(done.Rounds);
                }
                else if (waiting.TryGetValue(id, out var still))
                {
                    still.Rounds++;
                }
            }

            // The next round comes with the next reply, or after 10 ms: a batch waiting for the timer must not have the
            // watcher query the database nonstop on the hub's own cores.
            await arrived.WaitAsync(TimeSpan.FromMilliseconds(10), cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        try
        {
            if (loop is not null)
            {
                await loop;
            }
        }
        catch (OperationCanceledException)
        {
        }

        stopping.Dispose();
        arrived.Dispose();
    }

    private sealed class Waiting
    {
        public TaskCompletionSource<int> Linked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Rounds { get; set; }
    }
}
