using IntegrationHub.Labor;

namespace IntegrationHub.Flows.Policy.Decisions;

/// <summary>The stored decisions (<c>policy_decision</c>), read and written in the caller's transaction.</summary>
internal static class DecisionStore
{
    private const string Columns = """
        policy_id, subject_kind, subject_id, version, content_hash, eligible, months_granted, counted_through, reasons::text,
        explanation::text, reevaluate_at
        """;

    /// <summary>Every stored decision of the subjects, by subject and policy id.</summary>
    public static async Task<Dictionary<SubjectKey, Dictionary<string, Decision>>> LoadAsync(NpgsqlConnection connection,
        NpgsqlTransaction transaction, IReadOnlyCollection<SubjectKey> subjects, Func<DateTimeOffset, DateOnly> dateOf,
        CancellationToken cancellationToken)
    {
        var decisions = subjects.Distinct().ToDictionary(s => s, _ => new Dictionary<string, Decision>(StringComparer.Ordinal));
        await using var command = new NpgsqlCommand($"""
            SELECT {Columns} FROM policy_decision d JOIN unnest(@kinds, @ids) AS u(kind, id)
                ON d.subject_kind = u.kind AND d.subject_id = u.id
            """, connection, transaction);
        command.Parameters.AddWithValue("kinds", decisions.Keys.Select(s => s.KindName).ToArray());
        command.Parameters.AddWithValue("ids", decisions.Keys.Select(s => s.Id).ToArray());
        foreach (var decision in await ReadAllAsync(command, dateOf, cancellationToken))
        {
            decisions[decision.Subject][decision.PolicyId] = decision;
        }

        return decisions;
    }

    public static async Task<Decision?> FindAsync(NpgsqlDataSource dataSource, string policyId, SubjectKey subject,
        Func<DateTimeOffset, DateOnly> dateOf, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM policy_decision WHERE policy_id = @policy AND subject_kind = @kind AND subject_id = @id");
        command.Parameters.AddWithValue("policy", policyId);
        command.Parameters.AddWithValue("kind", subject.KindName);
        command.Parameters.AddWithValue("id", subject.Id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader, dateOf) : null;
    }

    /// <summary>Up to <paramref name="limit"/> eligible decisions after (kind, subject, policy) <paramref name="after"/>, in
    /// that order: the current state a backfill sends.</summary>
    public static async Task<List<Decision>> EligiblePageAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        (string Kind, string Subject, string Policy) after, int limit, Func<DateTimeOffset, DateOnly> dateOf, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT {Columns} FROM policy_decision
            WHERE eligible AND (subject_kind, subject_id, policy_id) > (@kind, @subject, @policy)
            ORDER BY subject_kind, subject_id, policy_id LIMIT @limit
            """, connection, transaction);
        command.Parameters.AddWithValue("kind", after.Kind);
        command.Parameters.AddWithValue("subject", after.Subject);
        command.Parameters.AddWithValue("policy", after.Policy);
        command.Parameters.AddWithValue("limit", limit);
        return await ReadAllAsync(command, dateOf, cancellationToken);
    }

    public static async Task SaveAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<Decision> upserts,
        IReadOnlyList<(SubjectKey Subject, string PolicyId)> deletes, DateTimeOffset now, Func<DateOnly, DateTimeOffset> startOf,
        CancellationToken cancellationToken)
    {
        if (deletes.Count > 0)
        {
            await using var delete = new NpgsqlCommand("""
                DELETE FROM policy_decision d USING unnest(@policies, @kinds, @ids) AS u(policy_id, kind, id)
                WHERE d.policy_id = u.policy_id AND d.subject_kind = u.kind AND d.subject_id = u.id
                """, connection, transaction);
            delete.Parameters.AddWithValue("policies", deletes.Select(d => d.PolicyId).ToArray());
            delete.Parameters.AddWithValue("kinds", deletes.Select(d => d.Subject.KindName).ToArray());
            delete.Parameters.AddWithValue("ids", deletes.Select(d => d.Subject.Id).ToArray());
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        if (upserts.Count == 0)
        {
            return;
        }

        await using var upsert = new NpgsqlCommand("""
            INSERT INTO policy_decision (policy_id, subject_kind, subject_id, version, content_hash, eligible, months_granted,
                counted_through, reasons, explanation, decided_at, reevaluate_at)
            SELECT u.policy_id, u.kind, u.id, u.version, u.hash, u.eligible, u.granted, u.through, u.reasons::jsonb, u.explanation::jsonb,
                   @now, u.due
            FROM unnest(@policies, @kinds, @ids, @versions, @hashes, @eligible, @granted, @through, @reasons, @explanations, @due)
                AS u(policy_id, kind, id, version, hash, eligible, granted, through, reasons, explanation, due)
            ON CONFLICT (policy_id, subject_kind, subject_id) DO UPDATE SET version = excluded.version,
                content_hash = excluded.content_hash, eligible = excluded.eligible, months_granted = excluded.months_granted,
                counted_through = excluded.counted_through, reasons = excluded.reasons, explanation = excluded.explanation,
                decided_at = excluded.decided_at, reevaluate_at = excluded.reevaluate_at
            """, connection, transaction);
        upsert.Parameters.AddWithValue("now", now);
        upsert.Parameters.AddWithValue("policies", upserts.Select(d => d.PolicyId).ToArray());
        upsert.Parameters.AddWithValue("kinds", upserts.Select(d => d.Subject.KindName).ToArray());
        upsert.Parameters.AddWithValue("ids", upserts.Select(d => d.Subject.Id).ToArray());
        upsert.Parameters.AddWithValue("versions", upserts.Select(d => d.Version).ToArray());
        upsert.Parameters.AddWithValue("hashes", upserts.Select(d => d.ContentHash).ToArray());
        upsert.Parameters.AddWithValue("eligible", upserts.Select(d => d.Eligible).ToArray());
        upsert.Parameters.AddWithValue("granted", upserts.Select(d => (int?)d.MonthsGranted).ToArray());
        upsert.Parameters.AddWithValue("through", upserts.Select(d => d.CountedThrough?.ToString()).ToArray());
        upsert.Parameters.AddWithValue("reasons", upserts.Select(d => d.Reasons.ToJsonString()).ToArray());
        upsert.Parameters.AddWithValue("explanations", upserts.Select(d => d.Explanation.ToJsonString()).ToArray());
        upsert.Parameters.AddWithValue("due",
            upserts.Select(d => d.ReevaluateOn is { } day ? startOf(day) : (DateTimeOffset?)null).ToArray());
        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<List<Decision>> ReadAllAsync(NpgsqlCommand command, Func<DateTimeOffset, DateOnly> dateOf,
        CancellationToken cancellationToken)
    {
        var decisions = new List<Decision>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            decisions.Add(Read(reader, dateOf));
        }

        return decisions;
    }

    private static Decision Read(NpgsqlDataReader reader, Func<DateTimeOffset, DateOnly> dateOf) => new(
        reader.GetString(0), reader.GetInt32(3), reader.GetString(4), SubjectKey.FromStored(reader.GetString(1), reader.GetString(2)),
        reader.GetBoolean(5), reader.IsDBNull(6) ? null : reader.GetInt32(6), reader.IsDBNull(7) ? null : Month.Parse(reader.GetString(7)),
        JsonNode.Parse(reader.GetString(8))!.AsArray(), JsonNode.Parse(reader.GetString(9))!.AsObject(),
        reader.IsDBNull(10) ? null : dateOf(reader.GetFieldValue<DateTimeOffset>(10)));
}
