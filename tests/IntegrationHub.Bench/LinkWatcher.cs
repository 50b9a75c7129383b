using System.Collections.Concurrent;
using Npgsql;

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
            "SELECT batch_id FROM intake_batch WHERE department = $1 AND batch_id = ANY($2) AND linked_through >= stored_through", connection);
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

            await Task.Delay(1, cancellationToken);
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
