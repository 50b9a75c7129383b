namespace IntegrationHub.Labor.Published;

/// <summary>Labor's write API for a person's labor record leaving the region and coming back (a transfer between hubs).</summary>
/// <remarks>
/// Away, the person's facts are closed on the day they left, and stay closed whatever the worker recomputes; back, they
/// are derived again from the records. Either way the person is marked for the worker, which writes the facts and
/// announces the ended ones in its next pass. Both run in the caller's transaction, with the transfer's own change.
/// </remarks>
public static class PersonAway
{
    public static async Task MarkAwayAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long person, DateOnly since,
        string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO labor_person_away (person_id, since, reason, updated_at) VALUES (@p, @since, @reason, @now)
            ON CONFLICT (person_id) DO UPDATE SET since = excluded.since, reason = excluded.reason, updated_at = excluded.updated_at;
            INSERT INTO labor_dirty AS d (person_id, mark) VALUES (@p, pg_current_xact_id())
            ON CONFLICT (person_id) DO UPDATE SET mark = excluded.mark;
            """, connection, transaction);
        command.Parameters.AddWithValue("p", person);
        command.Parameters.AddWithValue("since", since);
        command.Parameters.AddWithValue("reason", reason);
        command.Parameters.AddWithValue("now", now);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task MarkBackAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long person,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            WITH gone AS (DELETE FROM labor_person_away WHERE person_id = @p RETURNING person_id)
            INSERT INTO labor_dirty AS d (person_id, mark) SELECT person_id, pg_current_xact_id() FROM gone
            ON CONFLICT (person_id) DO UPDATE SET mark = excluded.mark;
            """, connection, transaction);
        command.Parameters.AddWithValue("p", person);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
