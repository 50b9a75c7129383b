using IntegrationHub.Identity;
using IntegrationHub.Identity.Lookup;

namespace IntegrationHub.Events.Lookup;

/// <summary>Reads the events the hub emitted for a person (subject = the person's id), in sequence, a page at a time, audited as
/// <c>person.events.read</c> with the reader and the purpose.</summary>
/// <remarks>The events of a person merged into this one stay under their own subject: read that person's events for them. The
/// snapshot events a backfilled subscription was sent (<c>subscription_snapshot_event</c>) are copies of the person's state
/// for one subscriber, not something that happened to the person: they are left out, so the sequence skips the numbers they
/// took.</remarks>
public sealed class PersonEventReader(NpgsqlDataSource dataSource, AuditLog audit)
{
    public const int MaxLimit = 1000;

    /// <exception cref="LookupRefusedException">InvalidInput: a limit outside 1..<see cref="MaxLimit"/> or a negative cursor.
    /// NotFound: there is no such person.</exception>
    public async Task<PersonEventPage> ReadAsync(long person, long after, int limit, PersonReader reader, string purpose,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (limit is < 1 or > MaxLimit)
        {
            throw Invalid("/limit", "range", $"limit is a whole number from 1 to {MaxLimit}.");
        }

        if (after < 0)
        {
            throw Invalid("/after", "range", "after is a sequence number the previous page gave as next (0 or more).");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        if (!await PersonLookup.ExistsAsync(connection, transaction, person, cancellationToken))
        {
            throw new LookupRefusedException(LookupRefusal.NotFound, "unknown-person", $"There is no person {PersonId.Format(person)}.");
        }

        var events = new List<PersonEvent>();
        await using (var command = new NpgsqlCommand("""
            SELECT e.sequence, e.event_id, e.type, e.time, e.data::text FROM event_outbox e
            WHERE e.subject = @subject AND e.sequence > @after
              AND NOT EXISTS (SELECT 1 FROM subscription_snapshot_event x WHERE x.position = e.position)
            ORDER BY e.sequence LIMIT @limit
            """, connection, transaction))
        {
            command.Parameters.AddWithValue("subject", PersonId.Format(person));
            command.Parameters.AddWithValue("after", after);
            command.Parameters.AddWithValue("limit", limit + 1);
            await using var rows = await command.ExecuteReaderAsync(cancellationToken);
            while (await rows.ReadAsync(cancellationToken))
            {
                events.Add(new PersonEvent(rows.GetInt64(0), rows.GetGuid(1), rows.GetString(2), rows.GetFieldValue<DateTimeOffset>(3),
                    JsonNode.Parse(rows.GetString(4))!.AsObject()));
            }
        }

        var more = events.Count > limit;
        var page = events.Take(limit).ToList();
        await audit.AppendAsync(connection, transaction, new AuditEntry(reader.Name, "person.events.read", purpose, PersonId.Format(person),
            JsonSerializer.Serialize(new { after, events = page.Count })), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new PersonEventPage(PersonId.Format(person), page, more ? page[^1].Sequence : null);
    }

    private static LookupRefusedException Invalid(string path, string code, string message) =>
        new(LookupRefusal.InvalidInput, code, message, [new Platform.Errors.FieldError(path, code, message)]);
}
