using IntegrationHub.Events.Shaping;
using IntegrationHub.Events.Subscriptions;

namespace IntegrationHub.Events.Dispatch;

/// <summary>
/// The delivery rows: fan-out from the outbox, claims, and what became of each. Fan-out takes every event committed
/// since the last fan-out's snapshot (see migration 0007), so an event that took a lower position but committed late is
/// never skipped. A claim locks the subscription with <c>FOR NO KEY UPDATE SKIP LOCKED</c> (another dispatcher claiming
/// the same subscription is skipped, not waited for) and leases the oldest deliveries whose every earlier delivery to
/// the same person is done, so a person's event n+1 is never sent before event n. A backfilled subscription takes only the
/// events its snapshot did not see (<c>live_from</c>).
/// </summary>
public sealed class DeliveryQueue(NpgsqlDataSource dataSource, AuditLog audit)
{
    /// <summary>Fans out the newly committed events to the matching subscriptions; returns the deliveries created.</summary>
    public async Task<long> FanOutAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockRow = new NpgsqlCommand("SELECT 1 FROM delivery_fanout FOR UPDATE", connection, transaction))
        {
            await lockRow.ExecuteNonQueryAsync(cancellationToken);
        }

        // A statement of its own, so its snapshot is taken after the lock: newer than the one the last fan-out stored.
        await using var fanOut = new NpgsqlCommand("""
            WITH previous AS (SELECT snapshot FROM delivery_fanout),
            -- Materialized, and bounded by a scalar: found through the tx index, never by walking the whole outbox in
            -- position order (which the planner chose when it thought the subscriptions many). A subscription's snapshot
            -- events (migration 0042) are its own, delivered when written.
            fresh AS MATERIALIZED (
                SELECT e.position, e.subject, e.type, e.data, e.tx FROM event_outbox e, previous p
                WHERE e.tx >= (SELECT pg_snapshot_xmin(snapshot) FROM delivery_fanout) AND NOT pg_visible_in_snapshot(e.tx, p.snapshot)
                  AND NOT EXISTS (SELECT 1 FROM subscription_snapshot_event x WHERE x.position = e.position)
            ),
            -- A backfilled subscription new since the last fan-out: every event its snapshot did not see, including those a
            -- fan-out gave out before the subscription committed.
            backlog AS MATERIALIZED (
                SELECT s.subscription_id, e.position, e.subject, e.type, e.data
                FROM subscription s JOIN event_outbox e ON e.tx >= pg_snapshot_xmin(s.live_from) AND NOT pg_visible_in_snapshot(e.tx, s.live_from)
                WHERE s.catching_up AND NOT EXISTS (SELECT 1 FROM subscription_snapshot_event x WHERE x.position = e.position)
            ),
            candidates AS (
                SELECT s.subscription_id, f.position, f.subject, f.type, f.data FROM fresh f JOIN subscription s
                    ON s.live_from IS NULL OR NOT pg_visible_in_snapshot(f.tx, s.live_from)
                UNION ALL
                SELECT * FROM backlog
            ),
            inserted AS (
                INSERT INTO delivery (subscription_id, position, subject)
                SELECT s.subscription_id, c.position, c.subject
                FROM candidates c JOIN subscription s ON s.subscription_id = c.subscription_id AND c.type LIKE ANY (s.type_patterns)
                    AND (s.content_filter IS NULL OR subscription_filter_matches(s.content_filter, c.data))
                ORDER BY c.position, s.subscription_id
                ON CONFLICT (subscription_id, position) DO NOTHING
                RETURNING 1
            ),
            caught_up AS (UPDATE subscription SET catching_up = false WHERE catching_up),
            moved AS (UPDATE delivery_fanout SET snapshot = pg_current_snapshot() RETURNING 1)
            SELECT (SELECT count(*) FROM inserted), (SELECT count(*) FROM moved)
            """, connection, transaction);
        var created = (long)(await fanOut.ExecuteScalarAsync(cancellationToken))!;
        await transaction.CommitAsync(cancellationToken);
        return created;
    }

    /// <summary>Push subscriptions with a delivery that may be claimable now.</summary>
    public async Task<IReadOnlyList<long>> DueSubscriptionsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT s.subscription_id FROM subscription s
            WHERE s.destination ->> 'kind' <> 'pull'
              AND EXISTS (SELECT 1 FROM delivery d WHERE d.subscription_id = s.subscription_id AND d.state = 'pending'
                          AND d.next_attempt_at <= @now AND (d.lease_until IS NULL OR d.lease_until <= @now))
            """);
        command.Parameters.AddWithValue("now", now);
        return await command.ReadRowsAsync(reader => reader.GetInt64(0), cancellationToken);
    }

    /// <summary>Leases up to <paramref name="batch"/> deliveries of the subscription; empty when none is ready or another
    /// dispatcher holds the subscription. The subscription is read in the same transaction, so the events are shaped by
    /// its settings as they are now.</summary>
    public async Task<DeliveryClaim?> ClaimAsync(long subscriptionId, string owner, DateTimeOffset now, TimeSpan lease, int scan, int batch,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        Subscription? subscription = null;
        await using (var lockSubscription = new NpgsqlCommand("""
            SELECT subscription_id, name, subscriber, legal_basis, purpose, event_types, fields, identity_numbers, destination::text,
                created_at, updated_at
            FROM subscription WHERE subscription_id = @id FOR NO KEY UPDATE SKIP LOCKED
            """, connection, transaction))
        {
            lockSubscription.Parameters.AddWithValue("id", subscriptionId);
            await using var reader = await lockSubscription.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                subscription = SubscriptionStore.Read(reader);
            }
        }

        if (subscription is null)
        {
            return null;
        }

        await using var claim = new NpgsqlCommand("""
            WITH head AS (
                SELECT d.delivery_id, d.subject,
                    d.next_attempt_at <= @now AND (d.lease_until IS NULL OR d.lease_until <= @now) AS free
                FROM delivery d WHERE d.subscription_id = @id AND d.state = 'pending'
                ORDER BY d.delivery_id LIMIT @scan
            ),
            ready AS (
                SELECT h.delivery_id, h.subject, bool_and(h.free) OVER (PARTITION BY h.subject ORDER BY h.delivery_id) AS ok
                FROM head h
            ),
            chosen AS (
                SELECT r.delivery_id FROM ready r
                WHERE r.ok AND NOT EXISTS (SELECT 1 FROM delivery x WHERE x.subscription_id = @id AND x.state = 'dead'
                                           AND x.subject = r.subject AND x.delivery_id < r.delivery_id)
                ORDER BY r.delivery_id LIMIT @batch
            )
            UPDATE delivery d SET lease_owner = @owner, lease_until = @until, attempts = d.attempts + 1
            FROM chosen c, event_outbox e
            WHERE d.delivery_id = c.delivery_id AND e.position = d.position
            RETURNING d.delivery_id, d.position, e.event_id, e.type, e.subject, e.sequence, e.time, e.data::text, e.id_number_cipher,
                d.attempts
            """, connection, transaction);
        claim.Parameters.AddWithValue("id", subscriptionId);
        claim.Parameters.AddWithValue("now", now);
        claim.Parameters.AddWithValue("until", now + lease);
        claim.Parameters.AddWithValue("owner", owner);
        claim.Parameters.AddWithValue("scan", scan);
        claim.Parameters.AddWithValue("batch", batch);
        var events = new List<OutboxEvent>();
        var attempts = 0;
        await using (var reader = await claim.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                attempts = Math.Max(attempts, reader.GetInt32(9));
                events.Add(new OutboxEvent(reader.GetInt64(0), reader.GetInt64(1), reader.GetGuid(2), reader.GetString(3), reader.GetString(4),
                    reader.GetInt64(5), reader.GetFieldValue<DateTimeOffset>(6), reader.GetString(7),
                    reader.IsDBNull(8) ? null : (byte[])reader[8]));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        events.Sort((a, b) => a.DeliveryId.CompareTo(b.DeliveryId));
        return new DeliveryClaim(subscription, events, attempts);
    }

    /// <summary>Marks the deliveries done (those still leased by <paramref name="owner"/>) and audits the batch in one row.</summary>
    public async Task<int> MarkDeliveredAsync(Subscription subscription, IReadOnlyList<OutboxEvent> events, string owner, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var mark = new NpgsqlCommand("""
            UPDATE delivery SET state = 'delivered', delivered_at = @now, lease_owner = NULL, lease_until = NULL, last_error = NULL
            WHERE delivery_id = ANY (@ids) AND lease_owner = @owner AND state = 'pending'
            """, connection, transaction);
        mark.Parameters.AddWithValue("ids", events.Select(e => e.DeliveryId).ToArray());
        mark.Parameters.AddWithValue("owner", owner);
        mark.Parameters.AddWithValue("now", now);
        var marked = await mark.ExecuteNonQueryAsync(cancellationToken);
        await audit.AppendAsync(connection, transaction, DeliveryAudit.Delivered(subscription, events, "dispatcher"), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return marked;
    }

    /// <summary>Records a failed attempt: back to pending at <paramref name="retryAt"/>, or dead once the attempts are spent.</summary>
    public async Task MarkFailedAsync(IReadOnlyList<OutboxEvent> events, string owner, string error, DateTimeOffset retryAt, int maxAttempts,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE delivery SET state = CASE WHEN attempts >= @max THEN 'dead' ELSE 'pending' END,
                next_attempt_at = @retry, lease_owner = NULL, lease_until = NULL, last_error = @error
            WHERE delivery_id = ANY (@ids) AND lease_owner = @owner AND state = 'pending'
            """);
        command.Parameters.AddWithValue("ids", events.Select(e => e.DeliveryId).ToArray());
        command.Parameters.AddWithValue("owner", owner);
        command.Parameters.AddWithValue("error", error);
        command.Parameters.AddWithValue("retry", retryAt);
        command.Parameters.AddWithValue("max", maxAttempts);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Gives the claim back unsent (the circuit was open): the attempt is not counted.</summary>
    public async Task ReleaseAsync(IReadOnlyList<OutboxEvent> events, string owner, DateTimeOffset retryAt, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE delivery SET attempts = attempts - 1, next_attempt_at = @retry, lease_owner = NULL, lease_until = NULL
            WHERE delivery_id = ANY (@ids) AND lease_owner = @owner AND state = 'pending'
            """);
        command.Parameters.AddWithValue("ids", events.Select(e => e.DeliveryId).ToArray());
        command.Parameters.AddWithValue("owner", owner);
        command.Parameters.AddWithValue("retry", retryAt);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
