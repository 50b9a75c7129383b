namespace IntegrationHub.Platform.Outbox;

/// <summary>
/// Writes events into the outbox inside the caller's transaction, so an event exists exactly when the change that
/// caused it commits. Person events come from a trigger on <c>person</c>; everything else comes through here.
/// </summary>
public static class EventOutbox
{
    /// <summary>Appends the events in order; returns their outbox positions.</summary>
    public static async Task<IReadOnlyList<long>> AppendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<EventDraft> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return [];
        }

        // The number rides along as the person's cipher; a subject that is not a person id (P and digits) has none. The
        // CASE keeps the cast from ever seeing another subject.
        await using var command = new NpgsqlCommand("""
            SELECT hub_emit_event(u.type, u.subject, u.time, u.data::jsonb,
                (SELECT p.id_number_cipher FROM person p
                 WHERE p.person_id = CASE WHEN u.subject ~ '^P[0-9]{1,18}$' THEN substr(u.subject, 2)::bigint END))
            FROM unnest(@types, @subjects, @times, @data) WITH ORDINALITY AS u(type, subject, time, data, n)
            ORDER BY u.n
            """, connection, transaction);
        command.Parameters.AddWithValue("types", events.Select(e => e.Type).ToArray());
        command.Parameters.AddWithValue("subjects", events.Select(e => e.Subject).ToArray());
        command.Parameters.AddWithValue("times", events.Select(e => e.Time.ToUniversalTime()).ToArray());
        command.Parameters.AddWithValue("data", events.Select(e => e.Data.ToJsonString()).ToArray());
        var positions = new List<long>(events.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            positions.Add(reader.GetInt64(0));
        }

        return positions;
    }
}
