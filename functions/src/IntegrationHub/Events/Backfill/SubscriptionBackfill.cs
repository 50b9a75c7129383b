using IntegrationHub.Events.Subscriptions;

namespace IntegrationHub.Events.Backfill;

/// <summary>
/// Writes a new subscription's snapshot: the current state of every source its event types cover, as outbox events
/// delivered to it alone, and the snapshot the state was read in, from which its live stream starts.
/// </summary>
/// <remarks>
/// The state is read on a connection of its own in one repeatable-read, read-only transaction, so that writing the
/// snapshot events (which takes each subject's sequence row) never fails on a live event committed meanwhile. The
/// subscription then takes exactly the events that snapshot does not see: the fan-out filters on <c>live_from</c>, and its
/// first run after the subscription commits catches up the events committed in between (migration 0042). Snapshot events
/// are inserted before any live delivery of the subscription, so they go out first.
/// </remarks>
internal sealed class SubscriptionBackfill(NpgsqlDataSource dataSource, IEnumerable<ISnapshotSource> sources)
{
    /// <summary>Opens the read side: a repeatable-read, read-only transaction and the snapshot it reads in.</summary>
    public async Task<StateRead> BeginAsync(CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            await using var snapshot = new NpgsqlCommand("SET TRANSACTION READ ONLY; SELECT pg_current_snapshot()::text", connection,
                transaction);
            var liveFrom = (string)(await snapshot.ExecuteScalarAsync(cancellationToken))!;
            return new StateRead(connection, transaction, liveFrom);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Writes the snapshot events of the subscription's types that pass its filter, in the caller's transaction;
    /// returns how many.</summary>
    public async Task<long> WriteAsync(StateRead state, Subscription subscription, NpgsqlConnection connection, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        var written = 0L;
        foreach (var source in sources.Where(s => s.EventTypes.Any(t => subscription.EventTypes.Any(p => EventTypePattern.Matches(p, t)))))
        {
            await foreach (var page in source.ReadAsync(state.Connection, state.Transaction, cancellationToken))
            {
                written += await WritePageAsync(page, subscription, connection, transaction, cancellationToken);
            }
        }

        return written;
    }

    private static async Task<long> WritePageAsync(IReadOnlyList<Platform.Outbox.EventDraft> page, Subscription subscription,
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        if (page.Count == 0)
        {
            return 0;
        }

        // Filtered as fan-out filters (type patterns, content filter) before anything is emitted; numbered and delivered in
        // the order given. The identity number's cipher rides along as EventOutbox gives it.
        await using var command = new NpgsqlCommand("""
            WITH chosen AS (
                SELECT u.n, u.type, u.subject, u.time, u.data::jsonb AS data
                FROM unnest(@types, @subjects, @times, @data) WITH ORDINALITY AS u(type, subject, time, data, n)
                WHERE u.type LIKE ANY (@patterns) AND (@filter::jsonb IS NULL OR subscription_filter_matches(@filter::jsonb, u.data::jsonb))
            ),
            emitted AS MATERIALIZED (
                SELECT c.n, c.subject, hub_emit_event(c.type, c.subject, c.time, c.data,
                    (SELECT p.id_number_cipher FROM person p
                     WHERE p.person_id = CASE WHEN c.subject ~ '^P[0-9]{1,18}$' THEN substr(c.subject, 2)::bigint END)) AS position
                FROM (SELECT * FROM chosen ORDER BY n) c
            ),
            marked AS (
                INSERT INTO subscription_snapshot_event (position, subscription_id) SELECT position, @id FROM emitted
            ),
            delivered AS (
                INSERT INTO delivery (subscription_id, position, subject) SELECT @id, position, subject FROM emitted ORDER BY n
            )
            SELECT count(*) FROM emitted
            """, connection, transaction);
        command.Parameters.AddWithValue("types", page.Select(e => e.Type).ToArray());
        command.Parameters.AddWithValue("subjects", page.Select(e => e.Subject).ToArray());
        command.Parameters.AddWithValue("times", page.Select(e => e.Time.ToUniversalTime()).ToArray());
        command.Parameters.AddWithValue("data", page.Select(e => e.Data.ToJsonString()).ToArray());
        command.Parameters.AddWithValue("patterns", subscription.EventTypes.Select(EventTypePattern.ToLike).ToArray());
        command.Parameters.AddWithValue("id", subscription.Id);
        command.Parameters.Add(new NpgsqlParameter("filter", NpgsqlDbType.Text)
        {
            Value = subscription.Filter is null ? DBNull.Value : subscription.Filter.ToJson().ToJsonString(),
        });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The read side of a backfill: its transaction and the snapshot (<c>pg_snapshot</c> text) it reads in.</summary>
    internal sealed class StateRead(NpgsqlConnection connection, NpgsqlTransaction transaction, string liveFrom) : IAsyncDisposable
    {
        public NpgsqlConnection Connection { get; } = connection;

        public NpgsqlTransaction Transaction { get; } = transaction;

        public string LiveFrom { get; } = liveFrom;

        public async ValueTask DisposeAsync()
        {
            await Transaction.DisposeAsync();
            await Connection.DisposeAsync();
        }
    }
}
