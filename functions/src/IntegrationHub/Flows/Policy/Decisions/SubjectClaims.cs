namespace IntegrationHub.Flows.Policy.Decisions;

/// <summary>
/// Claims subjects for a chunk: marked dirty, or due by the calendar. Each claim is a transaction-scoped advisory lock on
/// the subject, tried, skipping subjects another worker holds; the marks themselves are never locked while deciding, so
/// the transactions that mark (links, labor chunks) never wait for a policy chunk. A mark is removed only if nobody marked
/// the subject again since it was read.
/// </summary>
internal static class SubjectClaims
{
    /// <summary>The advisory lock space of policy workers ("POLI").</summary>
    private const int Space = 0x504F4C49;

    public static Task<Dictionary<SubjectKey, string?>> ClaimAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, bool due,
        DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        MarkedClaims.ClaimAsync(connection, transaction,
            due
                ? "SELECT DISTINCT subject_kind, subject_id, NULL::text AS mark FROM policy_decision WHERE reevaluate_at <= @now ORDER BY 1, 2 LIMIT @n"
                : "SELECT subject_kind, subject_id, mark::text AS mark FROM policy_dirty ORDER BY subject_kind, subject_id LIMIT @n",
            $"""
            SELECT subject_kind, subject_id, mark FROM candidate
            WHERE pg_try_advisory_xact_lock({Space}, hashtext(subject_kind || ':' || subject_id))
            """, now, limit, reader => SubjectKey.FromStored(reader.GetString(0), reader.GetString(1)), cancellationToken);

    public static async Task UnmarkAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<KeyValuePair<SubjectKey, string?>> marks, CancellationToken cancellationToken)
    {
        var read = marks.Where(m => m.Value is not null).ToList();
        if (read.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand("""
            DELETE FROM policy_dirty WHERE (subject_kind, subject_id) IN (
                SELECT d.subject_kind, d.subject_id FROM policy_dirty d JOIN unnest(@kinds, @ids, @marks) AS u(kind, id, mark)
                    ON d.subject_kind = u.kind AND d.subject_id = u.id AND d.mark::text = u.mark
                FOR UPDATE OF d SKIP LOCKED)
            """, connection, transaction);
        command.Parameters.AddWithValue("kinds", read.Select(m => m.Key.KindName).ToArray());
        command.Parameters.AddWithValue("ids", read.Select(m => m.Key.Id).ToArray());
        command.Parameters.AddWithValue("marks", read.Select(m => m.Value!).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Marks the subjects dirty (a new policy version, a backfill of decisions).</summary>
    public static async Task MarkAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string kind, IReadOnlyList<string> ids,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO policy_dirty AS d (subject_kind, subject_id, mark)
            SELECT @kind, id, pg_current_xact_id() FROM unnest(@ids) AS id ORDER BY id
            ON CONFLICT (subject_kind, subject_id) DO UPDATE SET mark = excluded.mark
            """, connection, transaction);
        command.Parameters.AddWithValue("kind", kind);
        command.Parameters.AddWithValue("ids", ids.ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
