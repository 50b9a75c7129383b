using IntegrationHub.Identity;

namespace IntegrationHub.Flows.Exchange.Findings;

/// <summary>
/// Reconciles the findings a chunk of persons produce now with those stored (<c>exchange_finding</c>): a new one opens, one
/// resolved before opens again, an open one no comparison produces any more resolves; each of these writes its event in the
/// same transaction. A finding that still holds gets its last-seen time, and its change time when its content moved.
/// </summary>
internal static class FindingStore
{
    private const string Columns = """
        finding_id, rule_id, department, person_id, finding_key, record_ids, period_from, period_to, evidence::text, detail::text,
        open, first_seen, last_seen, resolved_at
        """;

    public static async Task SaveAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyCollection<long> persons,
        IReadOnlyList<FindingDraft> drafts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stored = await LoadAsync(connection, transaction, persons, cancellationToken);
        var byKey = stored.ToDictionary(f => (f.Content.RuleId, f.Content.Department, f.Content.PersonId, f.Content.Key));
        var events = new List<(string Type, long Id, FindingDraft? Draft, StoredFinding? Stored)>();
        foreach (var draft in drafts)
        {
            if (!byKey.Remove((draft.RuleId, draft.Department, draft.PersonId, draft.Key), out var found))
            {
                var id = await InsertAsync(connection, transaction, draft, now, cancellationToken);
                events.Add((EventTypes.FindingOpened, id, draft, null));
                continue;
            }

            var changed = !draft.SameAs(found) || !found.Open;
            await UpdateAsync(connection, transaction, found.FindingId, draft, changed, reopen: !found.Open, now, cancellationToken);
            if (!found.Open)
            {
                events.Add((EventTypes.FindingOpened, found.FindingId, draft, found));
            }
        }

        foreach (var gone in byKey.Values.Where(f => f.Open))
        {
            await using var resolve = new NpgsqlCommand(
                "UPDATE exchange_finding SET open = false, resolved_at = @now, changed_at = @now WHERE finding_id = @id",
                connection, transaction);
            resolve.Parameters.AddWithValue("id", gone.FindingId);
            resolve.Parameters.AddWithValue("now", now);
            await resolve.ExecuteNonQueryAsync(cancellationToken);
            events.Add((EventTypes.FindingResolved, gone.FindingId, null, gone));
        }

        await EventOutbox.AppendAsync(connection, transaction, [.. events.Select(e => Event(e.Type, e.Id, e.Draft, e.Stored, now))],
            cancellationToken);
    }

    private static EventDraft Event(string type, long id, FindingDraft? draft, StoredFinding? stored, DateTimeOffset now)
    {
        var content = draft ?? stored!.Content;
        var data = new JsonObject
        {
            ["personId"] = PersonId.Format(content.PersonId),
            ["findingId"] = FindingId.Format(id),
            ["ruleId"] = content.RuleId,
            ["department"] = content.Department,
            ["recordIds"] = new JsonArray([.. content.RecordIds.Select(r => (JsonNode)r)]),
            ["period"] = new JsonObject { ["from"] = content.PeriodFrom, ["to"] = content.PeriodTo },
            ["evidence"] = content.Evidence.DeepClone(),
            ["firstSeen"] = stored?.FirstSeen ?? now,
            ["lastSeen"] = draft is null ? stored!.LastSeen : now,
        };
        if (draft is null)
        {
            data["resolvedAt"] = now;
        }

        return new EventDraft(type, PersonId.Format(content.PersonId), now, data);
    }

    private static async Task<long> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, FindingDraft draft,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO exchange_finding (rule_id, department, person_id, finding_key, record_ids, period_from, period_to, evidence,
                detail, number_cipher, open, first_seen, last_seen, changed_at)
            VALUES (@rule, @department, @person, @key, @records, @from, @to, @evidence::jsonb, @detail::jsonb, @cipher, true, @now, @now, @now)
            RETURNING finding_id
            """, connection, transaction);
        Bind(command, draft);
        command.Parameters.AddWithValue("now", now);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task UpdateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long id, FindingDraft draft,
        bool changed, bool reopen, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            UPDATE exchange_finding SET record_ids = @records, period_from = @from, period_to = @to, evidence = @evidence::jsonb,
                detail = @detail::jsonb, number_cipher = @cipher, open = true, last_seen = @now, resolved_at = NULL
                {(changed ? ", changed_at = @now" : "")}{(reopen ? ", acknowledged_at = NULL" : "")}
            WHERE finding_id = @id
            """, connection, transaction);
        Bind(command, draft);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("now", now);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Bind(NpgsqlCommand command, FindingDraft draft)
    {
        command.Parameters.AddWithValue("rule", draft.RuleId);
        command.Parameters.AddWithValue("department", draft.Department);
        command.Parameters.AddWithValue("person", draft.PersonId);
        command.Parameters.AddWithValue("key", draft.Key);
        command.Parameters.AddWithValue("records", draft.RecordIds.ToArray());
        command.Parameters.AddWithValue("from", draft.PeriodFrom);
        command.Parameters.AddWithValue("to", draft.PeriodTo);
        command.Parameters.AddWithValue("evidence", draft.Evidence.ToJsonString());
        command.Parameters.AddWithValue("detail", draft.Detail.ToJsonString());
        command.Parameters.Add(new NpgsqlParameter("cipher", NpgsqlDbType.Bytea) { Value = (object?)draft.NumberCipher ?? DBNull.Value });
    }

    private static async Task<List<StoredFinding>> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyCollection<long> persons, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM exchange_finding WHERE person_id = ANY(@ids)", connection, transaction);
        command.Parameters.AddWithValue("ids", persons.ToArray());
        var found = new List<StoredFinding>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(Read(reader));
        }

        return found;
    }

    public static StoredFinding Read(NpgsqlDataReader reader) => new(
        reader.GetInt64(0),
        new FindingDraft(reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4), reader.GetFieldValue<string[]>(5),
            reader.GetString(6), reader.GetString(7), JsonNode.Parse(reader.GetString(8))!.AsArray(), JsonNode.Parse(reader.GetString(9))!.AsObject(),
            NumberCipher: null),
        reader.GetBoolean(10), reader.GetFieldValue<DateTimeOffset>(11), reader.GetFieldValue<DateTimeOffset>(12),
        reader.IsDBNull(13) ? null : reader.GetFieldValue<DateTimeOffset>(13));
}
