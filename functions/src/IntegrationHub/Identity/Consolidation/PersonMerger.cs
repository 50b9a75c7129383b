using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Platform.Audit;
using Npgsql;

namespace IntegrationHub.Identity.Consolidation;

/// <summary>
/// Merges one person into another on the matcher's own evidence, inside the caller's transaction: the merged-away person
/// points at the survivor (reversible through unmerge, like a reviewer's merge), the survivor's golden record is rebuilt,
/// and the matcher's open proposals for either person are matched again, since the ambiguity that sent them to review
/// (two persons for one human) is gone.
/// </summary>
internal static class PersonMerger
{
    public const string Actor = "identity-consolidation";

    /// <summary>Returns false when either person is gone or merged meanwhile.</summary>
    public static async Task<bool> MergeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, AuditLog audit, long person,
        long into, string rule, double score, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (person == into)
        {
            return false;
        }

        await using (var merge = new NpgsqlCommand("""
            WITH locked AS (
                SELECT person_id FROM person WHERE person_id IN (@p, @into) AND merged_into IS NULL ORDER BY person_id FOR UPDATE
            )
            UPDATE person SET merged_into = @into, updated_at = @now
            WHERE person_id = @p AND (SELECT count(*) FROM locked) = 2
            """, connection, transaction))
        {
            merge.Parameters.AddWithValue("p", person);
            merge.Parameters.AddWithValue("into", into);
            merge.Parameters.AddWithValue("now", now);
            if (await merge.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                return false;
            }
        }

        await RecomputeGoldenAsync(connection, transaction, into, now, cancellationToken);
        await using (var again = new NpgsqlCommand("""
            WITH gone AS (
                DELETE FROM review_item WHERE decided_at IS NULL AND reason IN ('probable', 'possible') AND person_id IN (@p, @into)
                RETURNING department, feed, record_id, version
            )
            INSERT INTO link_deferred (department, feed, record_id, version, reason, deferred_at)
            SELECT department, feed, record_id, version, 'persons-merged', @now FROM gone
            ON CONFLICT DO NOTHING
            """, connection, transaction))
        {
            again.Parameters.AddWithValue("p", person);
            again.Parameters.AddWithValue("into", into);
            again.Parameters.AddWithValue("now", now);
            await again.ExecuteNonQueryAsync(cancellationToken);
        }

        await audit.AppendAsync(connection, transaction, new AuditEntry(Actor, "person.merge", "identity-reconciliation", PersonId.Format(person),
            JsonSerializer.Serialize(new { into = PersonId.Format(into), rule, score })), cancellationToken);
        return true;
    }

    /// <summary>Like <see cref="GoldenRecords.RecomputeAsync"/>, but reads only the links of the person's family.</summary>
    private static async Task RecomputeGoldenAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long person,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var golden = new JsonObject();
        await using (var command = new NpgsqlCommand("""
            WITH RECURSIVE family AS (
                SELECT person_id FROM person WHERE person_id = @p
                UNION ALL
                SELECT c.person_id FROM person c JOIN family f ON c.merged_into = f.person_id
            )
            SELECT s.department, s.feed, s.record_id, s.version, s.payload::text
            FROM person_link l JOIN family f ON f.person_id = l.person_id
            JOIN source_record s USING (department, feed, record_id, version)
            WHERE NOT EXISTS (SELECT 1 FROM person_link n WHERE n.department = l.department AND n.feed = l.feed
                                                           AND n.record_id = l.record_id AND n.version > l.version)
            ORDER BY s.received_at, s.department, s.feed, s.record_id
            """, connection, transaction))
        {
            command.Parameters.AddWithValue("p", person);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                Survivorship.Apply(golden, new LinkCandidate(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                    reader.GetInt32(3), JsonNode.Parse(reader.GetString(4))!.AsObject(), null, null, false));
            }
        }

        await GoldenRecords.SaveAsync(connection, transaction, person, golden, now, cancellationToken);
    }
}
