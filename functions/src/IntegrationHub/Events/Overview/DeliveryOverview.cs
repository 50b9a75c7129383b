namespace IntegrationHub.Events.Overview;

/// <summary>Event delivery as an operator surveys it: each subscription's states, the outbox's lag, the dead letters.</summary>
/// <remarks>Subjects are person ids and errors are the destinations' replies (never an identity number: the delivery
/// audit keeps them so), so the reads are not audited.</remarks>
public sealed class DeliveryOverview(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<SubscriptionDeliveryState>> StatesAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT s.name, s.subscriber, coalesce(s.destination->>'kind', ''),
                   count(*) FILTER (WHERE d.state = 'pending'), count(*) FILTER (WHERE d.state = 'delivered'),
                   count(*) FILTER (WHERE d.state = 'dead'),
                   (SELECT min(o.time) FROM delivery p JOIN event_outbox o ON o.position = p.position
                    WHERE p.subscription_id = s.subscription_id AND p.state = 'pending'),
                   max(d.delivered_at)
            FROM subscription s LEFT JOIN delivery d ON d.subscription_id = s.subscription_id
            GROUP BY s.subscription_id ORDER BY s.name
            """);
        var states = new List<SubscriptionDeliveryState>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            states.Add(new SubscriptionDeliveryState(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3),
                reader.GetInt64(4), reader.GetInt64(5), Nullable(reader, 6), Nullable(reader, 7)));
        }

        return states;
    }

    /// <summary>How long the oldest event still waiting for any subscription has waited; zero when none waits.</summary>
    public async Task<TimeSpan> LagAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT min(o.time) FROM delivery d JOIN event_outbox o ON o.position = d.position WHERE d.state = 'pending'
            """);
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime oldest
            ? TimeSpan.FromTicks(Math.Max(0, (now - new DateTimeOffset(oldest, TimeSpan.Zero)).Ticks))
            : TimeSpan.Zero;
    }

    /// <summary>Dead letters of every subscription.</summary>
    public async Task<long> DeadCountAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM delivery WHERE state = 'dead'");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>A page of one subscription's dead letters, oldest first, with how many there are.</summary>
    public async Task<(IReadOnlyList<DeadLetter> Page, long Total)> DeadLettersAsync(string subscription, int offset, int limit,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT d.delivery_id, d.position, o.type, d.subject, d.attempts, d.last_error, count(*) OVER ()
            FROM delivery d JOIN subscription s ON s.subscription_id = d.subscription_id JOIN event_outbox o ON o.position = d.position
            WHERE s.name = @name AND d.state = 'dead' ORDER BY d.delivery_id OFFSET @offset LIMIT @limit
            """);
        command.Parameters.AddWithValue("name", subscription);
        return await command.ReadPageAsync(offset, limit, reader => new DeadLetter(reader.GetInt64(0), reader.GetInt64(1),
            reader.GetString(2), reader.GetString(3), reader.GetInt32(4), reader.IsDBNull(5) ? null : reader.GetString(5)),
            cancellationToken);
    }

    private static DateTimeOffset? Nullable(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);
}
