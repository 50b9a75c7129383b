using static IntegrationHub.Platform.Database.SqlStatements;

namespace IntegrationHub.Identity.Review;

// The decisions on persons: merge two, undo a merge, split records off one.
public sealed partial class ReviewService
{
    public async Task MergeAsync(long person, long into, string actor, CancellationToken cancellationToken)
    {
        if (person == into)
        {
            throw new IdentityDecisionException(400, "merge-self", "A person cannot be merged into itself.");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var merged = await LockPersonsAsync(connection, transaction, [person, into], cancellationToken);
        foreach (var id in new[] { person, into })
        {
            if (merged[id] is { } survivor)
            {
                throw new IdentityDecisionException(409, "merged-away",
                    $"{PersonId.Format(id)} was merged into {PersonId.Format(survivor)}; decide on {PersonId.Format(survivor)} instead.");
            }
        }

        await ExecuteAsync(connection, transaction, "UPDATE person SET merged_into = @into, updated_at = @now WHERE person_id = @p",
            cancellationToken, ("into", into), ("p", person), ("now", time.GetUtcNow()));
        await GoldenRecords.RecomputeAsync(connection, transaction, [into], time.GetUtcNow(), cancellationToken);
        await AuditAsync(connection, transaction, actor, "person.merge", person, new { into = PersonId.Format(into) }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task UnmergeAsync(long person, string actor, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Both rows are locked, in id order, before the survivor's event: the person trigger takes per-subject sequence locks.
        long? seen;
        await using (var peek = new NpgsqlCommand("SELECT merged_into FROM person WHERE person_id = @p", connection, transaction))
        {
            peek.Parameters.AddWithValue("p", person);
            seen = await peek.ExecuteScalarAsync(cancellationToken) is long into ? into : null;
        }

        var merged = await LockPersonsAsync(connection, transaction, seen is { } s ? [person, s] : [person], cancellationToken);
        if (merged[person] is not { } survivor)
        {
            throw new IdentityDecisionException(409, "not-merged", $"{PersonId.Format(person)} is not merged into anyone.");
        }

        if (survivor != seen)
        {
            throw new IdentityDecisionException(409, "merge-changed", $"{PersonId.Format(person)} was merged elsewhere meanwhile; try again.");
        }

        await ExecuteAsync(connection, transaction, "UPDATE person SET merged_into = NULL, updated_at = @now WHERE person_id = @p",
            cancellationToken, ("p", person), ("now", time.GetUtcNow()));
        await GoldenRecords.RecomputeAsync(connection, transaction, [person, survivor], time.GetUtcNow(), cancellationToken);
        await EmitSplitAsync(connection, transaction, survivor, person, await CurrentRecordCountAsync(connection, transaction, person,
            cancellationToken), cancellationToken);
        await AuditAsync(connection, transaction, actor, "person.unmerge", person, new { from = PersonId.Format(survivor) }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Moves the current links of the named records to a new person; returns its id.</summary>
    public async Task<long> SplitAsync(long person, IReadOnlyList<RecordKey> records, string actor, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            throw new IdentityDecisionException(400, "split-nothing", "Name at least one record to split off.");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var merged = await LockPersonsAsync(connection, transaction, [person], cancellationToken);
        if (merged[person] is { } survivor)
        {
            throw new IdentityDecisionException(409, "merged-away",
                $"{PersonId.Format(person)} was merged into {PersonId.Format(survivor)}; split from {PersonId.Format(survivor)} instead.");
        }

        var current = await CurrentLinksAsync(connection, transaction, person, cancellationToken);
        var moving = current.Where(c => records.Contains(c.Key)).ToList();
        CheckSplit(person, records, moving, current.Count);
        var now = time.GetUtcNow();
        var split = await NewPersonAsync(connection, transaction, now, cancellationToken);
        foreach (var (key, version) in moving)
        {
            await ExecuteAsync(connection, transaction, $"""
                UPDATE person_link SET person_id = @to, rule = '{LinkRule.Split.Word}', score = 1.0, linked_at = @now
                WHERE department = @d AND feed = @f AND record_id = @r AND version = @v
                """, cancellationToken, ("to", split), ("now", now), ("d", key.Department), ("f", key.Feed), ("r", key.RecordId), ("v", version));
        }

        await GoldenRecords.RecomputeAsync(connection, transaction, [person, split], now, cancellationToken);
        await EmitSplitAsync(connection, transaction, person, split, moving.Count, cancellationToken);
        await AuditAsync(connection, transaction, actor, "person.split", person,
            new { into = PersonId.Format(split), records = moving.Select(m => m.Key).ToList() }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return split;
    }

    /// <summary>The record versions whose latest link is to the person.</summary>
    private static async Task<List<(RecordKey Key, int Version)>> CurrentLinksAsync(NpgsqlConnection connection,
        NpgsqlTransaction transaction, long person, CancellationToken cancellationToken)
    {
        var current = new List<(RecordKey Key, int Version)>();
        await using var command = new NpgsqlCommand("""
            SELECT department, feed, record_id, version FROM (
                SELECT DISTINCT ON (department, feed, record_id) department, feed, record_id, version, person_id
                FROM person_link WHERE (department, feed, record_id) IN (
                    SELECT department, feed, record_id FROM person_link WHERE person_id = @p)
                ORDER BY department, feed, record_id, version DESC) l
            WHERE person_id = @p
            """, connection, transaction);
        command.Parameters.AddWithValue("p", person);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            current.Add((new RecordKey(reader.GetString(0), reader.GetString(1), reader.GetString(2)), reader.GetInt32(3)));
        }

        return current;
    }

    /// <summary>Refuses a split that names records not the person's, or that would take all of them.</summary>
    private static void CheckSplit(long person, IReadOnlyList<RecordKey> records, List<(RecordKey Key, int Version)> moving, int current)
    {
        var strangers = records.Except(moving.Select(m => m.Key)).ToList();
        if (strangers.Count > 0)
        {
            throw new IdentityDecisionException(400, "not-this-persons",
                $"{strangers.Count} of the named records are not currently linked to {PersonId.Format(person)}, e.g. " +
                $"{strangers[0].Department}/{strangers[0].Feed}/{strangers[0].RecordId}.");
        }

        if (moving.Count == current)
        {
            throw new IdentityDecisionException(409, "split-empties-person",
                $"Splitting every record off {PersonId.Format(person)} would leave it empty; merge or keep it instead.");
        }
    }

    private static async Task<long> NewPersonAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var create = new NpgsqlCommand("INSERT INTO person (created_at, updated_at) VALUES (@now, @now) RETURNING person_id",
            connection, transaction);
        create.Parameters.AddWithValue("now", now);
        return (long)(await create.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<Dictionary<long, long?>> LockPersonsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        long[] persons, CancellationToken cancellationToken)
    {
        var found = new Dictionary<long, long?>();
        await using var command = new NpgsqlCommand(
            "SELECT person_id, merged_into FROM person WHERE person_id = ANY(@ids) ORDER BY person_id FOR UPDATE", connection, transaction);
        command.Parameters.AddWithValue("ids", persons);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                found[reader.GetInt64(0)] = reader.IsDBNull(1) ? null : reader.GetInt64(1);
            }
        }

        foreach (var person in persons.Where(p => !found.ContainsKey(p)))
        {
            throw new IdentityDecisionException(404, "unknown-person", $"There is no person {PersonId.Format(person)}.");
        }

        return found;
    }

    /// <summary>person.split, subject the person that lost records: a split names the new person it made, an unmerge the
    /// person it restored (whose records leave the survivor).</summary>
    private async Task EmitSplitAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long person, long newPerson, int records,
        CancellationToken cancellationToken)
    {
        var subject = PersonId.Format(person);
        await EventOutbox.AppendAsync(connection, transaction, [new EventDraft(EventTypes.PersonSplit, subject, time.GetUtcNow(), new JsonObject
        {
            ["personId"] = subject,
            ["newPersonId"] = PersonId.Format(newPerson),
            ["recordCount"] = records,
        })], cancellationToken);
    }

    /// <summary>How many records are currently linked to the person or to persons merged into it.</summary>
    private static async Task<int> CurrentRecordCountAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long person,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            WITH RECURSIVE family AS (
                SELECT person_id FROM person WHERE person_id = @p
                UNION ALL
                SELECT c.person_id FROM person c JOIN family f ON c.merged_into = f.person_id
            ), keys AS (
                SELECT DISTINCT l.department, l.feed, l.record_id FROM person_link l JOIN family f ON f.person_id = l.person_id
            )
            SELECT count(*) FROM keys k CROSS JOIN LATERAL (
                SELECT p.person_id FROM person_link p WHERE p.department = k.department AND p.feed = k.feed AND p.record_id = k.record_id
                ORDER BY p.version DESC LIMIT 1) c
            WHERE c.person_id IN (SELECT person_id FROM family)
            """, connection, transaction);
        command.Parameters.AddWithValue("p", person);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }
}
