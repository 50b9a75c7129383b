using IntegrationHub.Intake.Published;

namespace IntegrationHub.Identity;

/// <summary>
/// Rebuilds golden records from scratch: every record currently linked to the person (and to persons merged into it),
/// latest version of each, folded in arrival order. Used when records leave a person or persons merge or split,
/// where folding in one more record is not enough.
/// </summary>
internal static class GoldenRecords
{
    public static async Task RecomputeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyCollection<long> persons,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var person in persons.Distinct())
        {
            var golden = new JsonObject();
            await using (var command = new NpgsqlCommand("""
                WITH RECURSIVE family AS (
                    SELECT person_id FROM person WHERE person_id = @p
                    UNION ALL
                    SELECT c.person_id FROM person c JOIN family f ON c.merged_into = f.person_id
                )
                -- The family's links whose record has no later version linked (anywhere): its current records.
                SELECT s.department, s.feed, s.record_id, s.version, s.payload::text
                FROM person_link l JOIN family f ON f.person_id = l.person_id
                JOIN stored_record s USING (department, feed, record_id, version)
                WHERE NOT EXISTS (SELECT 1 FROM person_link later WHERE later.department = l.department AND later.feed = l.feed
                                  AND later.record_id = l.record_id AND later.version > l.version)
                ORDER BY s.received_at, s.department, s.feed, s.record_id
                """, connection, transaction))
            {
                command.Parameters.AddWithValue("p", person);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    Survivorship.Apply(golden, new StoredRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                        reader.GetInt32(3), JsonNode.Parse(reader.GetString(4))!.AsObject(), null, null, false));
                }
            }

            await SaveAsync(connection, transaction, person, golden, now, cancellationToken);
        }
    }

    public static async Task SaveAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long person, JsonObject golden,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var update = new NpgsqlCommand("UPDATE person SET golden = @g::jsonb, updated_at = @now WHERE person_id = @p",
            connection, transaction);
        update.Parameters.AddWithValue("g", golden.ToJsonString());
        update.Parameters.AddWithValue("now", now);
        update.Parameters.AddWithValue("p", person);
        await update.ExecuteNonQueryAsync(cancellationToken);
    }
}
