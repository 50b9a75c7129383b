using IntegrationHub.Events.Subscriptions;

namespace IntegrationHub.Events.Dispatch;

/// <summary>Puts a subscription's dead-lettered deliveries back in line with fresh attempts. They are the same outbox
/// rows, so they go out with the same event ids (and in per-person order, since they were at the head of their person's
/// line).</summary>
public sealed class Redrive(NpgsqlDataSource dataSource, AuditLog audit, TimeProvider time)
{
    public async Task<int> RunAsync(string subscriptionName, string actor, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var find = new NpgsqlCommand("SELECT subscription_id FROM subscription WHERE name = @name", connection, transaction);
        find.Parameters.AddWithValue("name", subscriptionName);
        if (await find.ExecuteScalarAsync(cancellationToken) is not long id)
        {
            throw SubscriptionStore.NotFound(subscriptionName);
        }

        await using var revive = new NpgsqlCommand("""
            UPDATE delivery SET state = 'pending', attempts = 0, next_attempt_at = @now, lease_owner = NULL, lease_until = NULL
            WHERE subscription_id = @id AND state = 'dead'
            """, connection, transaction);
        revive.Parameters.AddWithValue("id", id);
        revive.Parameters.AddWithValue("now", time.GetUtcNow());
        var count = await revive.ExecuteNonQueryAsync(cancellationToken);
        await using (var wake = new NpgsqlCommand("SELECT pg_notify('hub_events', '')", connection, transaction))
        {
            await wake.ExecuteNonQueryAsync(cancellationToken);
        }

        await audit.AppendAsync(connection, transaction, new AuditEntry(actor, "subscription.redriven", "event delivery", subscriptionName,
            JsonSerializer.Serialize(new { deliveries = count })), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return count;
    }
}
