namespace IntegrationHub.Platform.Audit;

/// <summary>Reads audited acts back for the modules that show their history (a person's merges and splits).</summary>
/// <remarks>
/// The entries of the given actions that name any of the given subjects, as their subject or as the value of one of the
/// given detail members (a merge's <c>into</c>, an unmerge's <c>from</c>), oldest first. The detail keys are written into
/// the statement as literals, so that the partial expression indexes of migration 0060 serve it; they are therefore
/// limited to letters.
/// </remarks>
public static class AuditHistory
{
    public static async Task<IReadOnlyList<AuditRecord>> NamingAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction,
        IReadOnlyCollection<string> actions, IReadOnlyCollection<string> subjects, IReadOnlyCollection<string> detailKeys,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(detailKeys);
        var condition = new StringBuilder("subject = ANY(@subjects)");
        foreach (var key in detailKeys)
        {
            if (key.Length == 0 || !key.All(char.IsAsciiLetter))
            {
                throw new ArgumentException($"Detail keys are letters only; '{key}' is not.", nameof(detailKeys));
            }

            condition.Append(" OR (detail ->> '").Append(key).Append("') = ANY(@subjects)");
        }

        var found = new List<AuditRecord>();
        await using var command = new NpgsqlCommand($"""
            SELECT seq, at, actor, action, purpose, subject, detail::text FROM audit_log
            WHERE action = ANY(@actions) AND ({condition})
            ORDER BY at, seq
            """, connection, transaction);
        command.Parameters.AddWithValue("actions", actions.ToArray());
        command.Parameters.AddWithValue("subjects", subjects.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(new AuditRecord(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6)));
        }

        return found;
    }
}
