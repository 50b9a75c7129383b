using IntegrationHub.Events.Dispatch;
using IntegrationHub.Events.Shaping;
using IntegrationHub.Events.Subscriptions;

namespace IntegrationHub.Events.Pull;

/// <summary>
/// The pull destination: a subscriber reads its subscription's events after a cursor, shaped exactly as a webhook would
/// get them, and acknowledges a cursor to move its bookmark. Reading without a cursor starts at the bookmark, so what was
/// not acknowledged comes again. Only the subscription's own subscriber may read or acknowledge; each page of events read
/// is audited in one row.
/// </summary>
public sealed class PullFeed(NpgsqlDataSource dataSource, DeliveryQueue queue, EventShaper shaper, AuditLog audit, TimeProvider time)
{
    public const int MaxLimit = 1000;

    /// <summary>The page as JSON: <c>{"events": [CloudEvent…], "next": cursor, "acknowledged": cursor}</c>.</summary>
    public async Task<byte[]> ReadAsync(string name, string caller, string? after, int limit, CancellationToken cancellationToken)
    {
        var (subscription, acknowledged) = await OwnAsync(name, caller, cancellationToken);
        await queue.FanOutAsync(cancellationToken);
        var from = after is null ? acknowledged : (await CheckAsync(subscription, after, "/after", cancellationToken)).DeliveryId;
        await using var command = dataSource.CreateCommand("""
            SELECT d.delivery_id, d.position, e.event_id, e.type, e.subject, e.sequence, e.time, e.data::text, e.id_number_cipher
            FROM delivery d JOIN event_outbox e ON e.position = d.position
            WHERE d.subscription_id = @id AND d.delivery_id > @after
            ORDER BY d.delivery_id LIMIT @limit
            """);
        command.Parameters.AddWithValue("id", subscription.Id);
        command.Parameters.AddWithValue("after", from);
        command.Parameters.AddWithValue("limit", limit);
        var events = new List<OutboxEvent>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                events.Add(new OutboxEvent(reader.GetInt64(0), reader.GetInt64(1), reader.GetGuid(2), reader.GetString(3), reader.GetString(4),
                    reader.GetInt64(5), reader.GetFieldValue<DateTimeOffset>(6), reader.GetString(7),
                    reader.IsDBNull(8) ? null : (byte[])reader[8]));
            }
        }

        if (events.Count > 0)
        {
            await audit.AppendAsync(dataSource, DeliveryAudit.Delivered(subscription, events, caller), cancellationToken);
        }

        var shape = shaper.For(subscription);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("events");
            foreach (var e in events)
            {
                writer.WriteRawValue(shape(e), skipInputValidation: true);
            }

            writer.WriteEndArray();
            writer.WriteString("next", new PullCursor(subscription.Id, events.Count == 0 ? from : events[^1].DeliveryId).ToString());
            writer.WriteString("acknowledged", new PullCursor(subscription.Id, acknowledged).ToString());
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Moves the bookmark to <paramref name="cursor"/> (never backwards); returns the bookmark.</summary>
    public async Task<string> AcknowledgeAsync(string name, string caller, string? cursor, CancellationToken cancellationToken)
    {
        var (subscription, _) = await OwnAsync(name, caller, cancellationToken);
        if (cursor is null)
        {
            throw new SubscriptionException(400, "cursor-invalid", "Acknowledge with {\"cursor\": \"…\"}, the next cursor of a page read.",
                [new FieldError("/cursor", "required", "cursor is required.")]);
        }

        var position = await CheckAsync(subscription, cursor, "/cursor", cancellationToken);
        await using var command = dataSource.CreateCommand("""
            WITH moved AS (
                UPDATE subscription SET pull_cursor = greatest(pull_cursor, @to) WHERE subscription_id = @id RETURNING pull_cursor
            ), done AS (
                UPDATE delivery SET state = 'delivered', delivered_at = @now
                WHERE subscription_id = @id AND state = 'pending' AND delivery_id <= @to
            )
            SELECT pull_cursor FROM moved
            """);
        command.Parameters.AddWithValue("id", subscription.Id);
        command.Parameters.AddWithValue("to", position.DeliveryId);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        var bookmark = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        return new PullCursor(subscription.Id, bookmark).ToString();
    }

    private async Task<(Subscription Subscription, long Acknowledged)> OwnAsync(string name, string caller, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT subscription_id, name, subscriber, legal_basis, purpose, event_types, fields, identity_numbers, destination::text,
                created_at, updated_at, pull_cursor
            FROM subscription WHERE name = @name
            """);
        command.Parameters.AddWithValue("name", name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw SubscriptionStore.NotFound(name);
        }

        var subscription = SubscriptionStore.Read(reader);
        if (subscription.Subscriber != caller)
        {
            throw new SubscriptionException(403, "forbidden", $"Subscription '{name}' is not one of yours.");
        }

        if (subscription.Destination.Kind != DestinationKind.Pull)
        {
            throw new SubscriptionException(409, "not-pull", $"Subscription '{name}' is delivered by {subscription.Destination.Kind}, not pulled.");
        }

        return (subscription, reader.GetInt64(11));
    }

    private async Task<PullCursor> CheckAsync(Subscription subscription, string text, string path, CancellationToken cancellationToken)
    {
        if (!PullCursor.TryParse(text, out var cursor))
        {
            throw new SubscriptionException(400, "cursor-invalid", "That is not a cursor of this feed.",
                [new FieldError(path, "cursor-invalid", "A cursor is the 'next' value of a page read from this feed.")]);
        }

        if (cursor.SubscriptionId != subscription.Id)
        {
            throw new SubscriptionException(403, "cursor-not-yours", "That cursor belongs to another subscription.",
                [new FieldError(path, "cursor-not-yours", "Use a cursor read from this subscription's feed.")]);
        }

        await using var command = dataSource.CreateCommand("SELECT coalesce(max(delivery_id), 0) FROM delivery WHERE subscription_id = @id");
        command.Parameters.AddWithValue("id", subscription.Id);
        if (cursor.DeliveryId > (long)(await command.ExecuteScalarAsync(cancellationToken))!)
        {
            throw new SubscriptionException(400, "cursor-future", "That cursor is beyond the end of this feed.",
                [new FieldError(path, "cursor-future", "A cursor can only name an event this feed has handed out.")]);
        }

        return cursor;
    }
}
