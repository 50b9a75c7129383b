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

        await GoldenRecords.RecomputeAsync(connection, transaction, [into], now, cancellationToken);
        await using (var again = new NpgsqlCommand($"""
            WITH gone AS (
                DELETE FROM review_item
                WHERE decided_at IS NULL AND reason IN ('{ReviewReasons.Probable}', '{ReviewReasons.Possible}') AND person_id IN (@p, @into)
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
}
