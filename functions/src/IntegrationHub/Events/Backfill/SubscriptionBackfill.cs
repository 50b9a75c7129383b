using IntegrationHub.Events.Subscriptions;

namespace IntegrationHub.Events.Backfill;

/// <summary>
/// Writes a new subscription's snapshot: the current state of every source its event types cover, as outbox events
/// delivered to it alone, and the snapshot the state was read in, from which its live stream starts.
/// </summary>
/// <remarks>
/// The state is read on a connection of its own in one repeatable-read, read-only transaction, so that writing the
/// snapshot events (which takes each subject's sequence row) never fails on a live event committed meanwhile. The
/// snapshot events are written before the subscription exists, a page to a short transaction of their own, under the
/// subscription id reserved for it: a subject's sequence row is held only while its page is written, not until the
/// request ends, so linking and labor never wait for a subscriber's request. They are marked as that subscription's
/// (<c>subscription_snapshot_event</c>), so fan-out never gives them to another; the transaction that creates the
/// subscription then gives it their deliveries (<see cref="DeliverAsync"/>), in the order written, before any fan-out can
/// see it, so they go out before every live event. The subscription takes exactly the events the state's snapshot does
/// not see: the fan-out filters on <c>live_from</c>, and its first run after the subscription commits catches up the
/// events committed in between (migration 0042). A request that fails after writing removes its snapshot events again
/// (<see cref="DiscardAsync"/>); were that to fail too, they would stay under an id no subscription has, never delivered and
/// not in a person's history.
/// </remarks>
internal sealed class SubscriptionBackfill(NpgsqlDataSource dataSource, IEnumerable<ISnapshotSource> sources, ILogger logger)
{
    /// <summary>The advisory lock space of a reserved subscription id ("SUBS"): the creating transaction and the discard take
    /// it, so a discard never runs beside a create whose commit is still in flight.</summary>
    private const int Space = 0x53554253;

    /// <summary>Reads the state of the subscription's types and writes the snapshot events that pass its filter, under a
    /// subscription id reserved for it; returns where they are, for <see cref="DeliverAsync"/>.</summary>
    public async Task<WrittenSnapshot> WriteAsync(SubscriptionSpec spec, CancellationToken cancellationToken)
    {
        await using var state = await BeginAsync(cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var reserve = new NpgsqlCommand("SELECT nextval(pg_get_serial_sequence('subscription', 'subscription_id'))", connection);
        var written = new WrittenSnapshot((long)(await reserve.ExecuteScalarAsync(cancellationToken))!, state.LiveFrom, 0, null, null);
        try
        {
            foreach (var source in sources.Where(s => s.EventTypes.Any(t => spec.EventTypes.Any(p => EventTypePattern.Matches(p, t)))))
            {
                await foreach (var page in source.ReadAsync(state.Connection, state.Transaction, cancellationToken))
                {
                    await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                    written = written.With(await WritePageAsync(page, spec, written.SubscriptionId, connection, transaction,
                        cancellationToken));
                    await transaction.CommitAsync(cancellationToken);
                }
            }
        }
        catch (Exception) when (written.Events > 0)
        {
            // Not cancelled with the request: a cancelled request is one of the failures this cleans up after.
            await DiscardAsync(written, CancellationToken.None);
            throw;
        }

        return written;
    }

    /// <summary>Removes the snapshot events of a subscription that was not created (its request failed after they were
    /// written): no subscription will ever take them. Never throws: a failure is logged and the events stay, undelivered.</summary>
    /// <remarks>It first waits for the reserved id's lock (<see cref="HoldAsync"/>), so a create whose commit failed only in
    /// being acknowledged has ended; then, in a statement of its own (a fresh snapshot), nothing goes if that subscription
    /// exists. Callers run it whatever the request's token says, since a cancelled request is one of the failures it cleans
    /// up after.</remarks>
    public async Task DiscardAsync(WrittenSnapshot snapshot, CancellationToken cancellationToken)
    {
        if (snapshot.Events == 0)
        {
            return;
        }

        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await HoldAsync(snapshot, connection, transaction, cancellationToken);
            await using var command = new NpgsqlCommand("""
                WITH discarded AS (
                    DELETE FROM subscription_snapshot_event
                    WHERE position BETWEEN @first AND @last AND subscription_id = @id
                      AND NOT EXISTS (SELECT 1 FROM subscription WHERE subscription_id = @id)
                    RETURNING position
                )
                DELETE FROM event_outbox WHERE position IN (SELECT position FROM discarded)
                """, connection, transaction);
            command.Parameters.AddWithValue("first", snapshot.FirstPosition!.Value);
            command.Parameters.AddWithValue("last", snapshot.LastPosition!.Value);
            command.Parameters.AddWithValue("id", snapshot.SubscriptionId);
            await command.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is NpgsqlException or OperationCanceledException)
        {
            logger.LogWarning(exception, "The snapshot of subscription id {SubscriptionId} (outbox positions {First} to {Last}) was "
                + "not discarded after its create failed; its events stay undelivered", snapshot.SubscriptionId,
                snapshot.FirstPosition, snapshot.LastPosition);
        }
    }

    /// <summary>Takes the reserved subscription id's lock for the rest of the transaction (ids hashed into the lock's second key:
    /// two ids sharing a hash only wait for each other).</summary>
    public static async Task HoldAsync(WrittenSnapshot snapshot, NpgsqlConnection connection, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@space, hashtext(@id::text))", connection, transaction);
        command.Parameters.AddWithValue("space", Space);
        command.Parameters.AddWithValue("id", snapshot.SubscriptionId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Gives the subscription, being created in the caller's transaction, the deliveries of its snapshot events,
    /// in the order they were written.</summary>
    public static async Task DeliverAsync(WrittenSnapshot snapshot, NpgsqlConnection connection, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        if (snapshot.Events == 0)
        {
            return;
        }

        // Between the first and last position written, other backfills' events may lie; the subscription id tells them apart.
        await using var command = new NpgsqlCommand("""
            INSERT INTO delivery (subscription_id, position, subject)
            SELECT x.subscription_id, e.position, e.subject
            FROM subscription_snapshot_event x JOIN event_outbox e ON e.position = x.position
            WHERE x.position BETWEEN @first AND @last AND x.subscription_id = @id
            ORDER BY x.position
            """, connection, transaction);
        command.Parameters.AddWithValue("first", snapshot.FirstPosition!.Value);
        command.Parameters.AddWithValue("last", snapshot.LastPosition!.Value);
        command.Parameters.AddWithValue("id", snapshot.SubscriptionId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Opens the read side: a repeatable-read, read-only transaction and the snapshot it reads in.</summary>
    private async Task<StateRead> BeginAsync(CancellationToken cancellationToken)
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

    private static async Task<PageWritten> WritePageAsync(IReadOnlyList<Platform.Outbox.EventDraft> page, SubscriptionSpec spec,
        long subscriptionId, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        if (page.Count == 0)
        {
            return new PageWritten(0, null, null);
        }

        // Filtered as fan-out filters (type patterns, content filter) before anything is emitted; numbered in the order
        // given, so positions follow it. The identity number's cipher rides along as EventOutbox gives it.
        await using var command = new NpgsqlCommand("""
            WITH chosen AS (
                SELECT u.n, u.type, u.subject, u.time, u.data::jsonb AS data
                FROM unnest(@types, @subjects, @times, @data) WITH ORDINALITY AS u(type, subject, time, data, n)
                WHERE u.type LIKE ANY (@patterns) AND (@filter::jsonb IS NULL OR subscription_filter_matches(@filter::jsonb, u.data::jsonb))
            ),
            emitted AS MATERIALIZED (
                SELECT c.n, hub_emit_event(c.type, c.subject, c.time, c.data,
                    (SELECT p.id_number_cipher FROM person p
                     WHERE p.person_id = CASE WHEN c.subject ~ '^P[0-9]{1,18}$' THEN substr(c.subject, 2)::bigint END)) AS position
                FROM (SELECT * FROM chosen ORDER BY n) c
            ),
            marked AS (
                INSERT INTO subscription_snapshot_event (position, subscription_id) SELECT position, @id FROM emitted
            )
            SELECT count(*), min(position), max(position) FROM emitted
            """, connection, transaction);
        command.Parameters.AddWithValue("types", page.Select(e => e.Type).ToArray());
        command.Parameters.AddWithValue("subjects", page.Select(e => e.Subject).ToArray());
        command.Parameters.AddWithValue("times", page.Select(e => e.Time.ToUniversalTime()).ToArray());
        command.Parameters.AddWithValue("data", page.Select(e => e.Data.ToJsonString()).ToArray());
        command.Parameters.AddWithValue("patterns", spec.EventTypes.Select(EventTypePattern.ToLike).ToArray());
        command.Parameters.AddWithValue("id", subscriptionId);
        command.Parameters.Add(new NpgsqlParameter("filter", NpgsqlDbType.Text)
        {
            Value = spec.Filter is null ? DBNull.Value : spec.Filter.ToJson().ToJsonString(),
        });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new PageWritten(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetInt64(2));
    }

    /// <summary>The snapshot events one page wrote: how many, and their first and last outbox position (null when none).</summary>
    internal sealed record PageWritten(long Events, long? FirstPosition, long? LastPosition);

    /// <summary>The read side of a backfill: its transaction and the snapshot (<c>pg_snapshot</c> text) it reads in.</summary>
    private sealed class StateRead(NpgsqlConnection connection, NpgsqlTransaction transaction, string liveFrom) : IAsyncDisposable
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
