using IntegrationHub.Intake.Published;

namespace IntegrationHub.Identity.Linking.Setwise;

/// <summary>
/// The set-based SQL of the set-wise path. A segment's records are staged in <c>link_stage</c>, a temporary table that
/// lives as long as the linking transaction (a crash or rollback leaves nothing behind); every write to the person
/// store is one INSERT..SELECT or UPDATE..FROM over it, never a statement per record.
/// </summary>
internal static class LinkStage
{
    public static async Task CreateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ClaimedBatch batch, int to,
        CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction, """
            CREATE TEMP TABLE link_stage (
                line_no integer PRIMARY KEY, record_id text NOT NULL, version integer NOT NULL, payload jsonb NOT NULL,
                id_number_index bytea, id_number_cipher bytea, valid boolean NOT NULL
            ) ON COMMIT DROP;
            CREATE TEMP TABLE link_person (id_number_index bytea PRIMARY KEY, person_id bigint NOT NULL) ON COMMIT DROP;
            CREATE TEMP TABLE link_fold (line_no integer NOT NULL, person_id bigint NOT NULL, review boolean NOT NULL) ON COMMIT DROP;
            CREATE TEMP TABLE link_fold_block (key bytea NOT NULL, person_id bigint NOT NULL) ON COMMIT DROP;
            CREATE TEMP TABLE link_fold_golden (person_id bigint NOT NULL, golden jsonb NOT NULL) ON COMMIT DROP;
            """, null, cancellationToken);
        await ExecuteAsync(connection, transaction, $"""
            INSERT INTO link_stage (line_no, record_id, version, payload, id_number_index, id_number_cipher, valid)
            SELECT a.line_no, a.record_id, a.version, a.payload, a.id_number_index, a.id_number_cipher,
                   coalesce(a.id_number_valid, false) AND a.id_number_index IS NOT NULL
            FROM ({StoredLines.Accepted}) a
            """, command => StoredLines.AddAcceptedParameters(command, batch, to), cancellationToken);
    }

    /// <summary>Records without a trustworthy number go to the probabilistic matcher; returns how many. A record with neither a
    /// number nor a name is about no person (HR's monitored enterprises) and goes nowhere.</summary>
    public static Task<int> DeferAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ClaimedBatch batch, DateTimeOffset now,
        CancellationToken cancellationToken) =>
        ExecuteAsync(connection, transaction, """
            INSERT INTO link_deferred (department, feed, record_id, version, reason, deferred_at)
            SELECT @d, @feed, record_id, version, CASE WHEN id_number_index IS NULL THEN 'no-id-number' ELSE 'invalid-id-number' END, @now
            FROM link_stage WHERE NOT valid AND (id_number_index IS NOT NULL OR payload ? 'name') ORDER BY line_no
            ON CONFLICT DO NOTHING
            """, command => AddBatch(command, batch, now), cancellationToken);

    /// <summary>The first record of each valid number no person holds yet, in number order (what number adoption looks at).</summary>
    public static async Task<List<StoredRecord>> FreshNumbersAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        ClaimedBatch batch, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT DISTINCT ON (s.id_number_index) s.record_id, s.version, s.payload::text, s.id_number_index, s.id_number_cipher
            FROM link_stage s
            WHERE s.valid AND NOT EXISTS (SELECT 1 FROM person p WHERE p.id_number_index = s.id_number_index)
            ORDER BY s.id_number_index, s.line_no
            """, connection, transaction);
        var fresh = new List<StoredRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            fresh.Add(new StoredRecord(batch.Department, batch.Feed, reader.GetString(0), reader.GetInt32(1),
                System.Text.Json.Nodes.JsonNode.Parse(reader.GetString(2))!.AsObject(), (byte[])reader[3], (byte[])reader[4], true));
        }

        return fresh;
    }

    /// <summary>
    /// A person for every valid number nobody holds, in number order (so concurrent linkers never wait on each other in a
    /// cycle); the unique index on the number's blind index makes a second person for a number impossible. Then each
    /// staged number learns its person in <c>link_person</c> (the survivor, when the number's person was merged away), and
    /// the persons are locked.
    /// </summary>
    public static async Task ResolvePersonsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction, """
            INSERT INTO person (id_number_index, id_number_cipher, created_at, updated_at)
            SELECT n.idx, n.cipher, @now, @now FROM (
                SELECT DISTINCT ON (id_number_index) id_number_index AS idx, id_number_cipher AS cipher
                FROM link_stage WHERE valid ORDER BY id_number_index, line_no) n
            ORDER BY n.idx
            ON CONFLICT (id_number_index) WHERE id_number_index IS NOT NULL DO NOTHING
            """, command => command.Parameters.AddWithValue("now", now), cancellationToken);
        await ExecuteAsync(connection, transaction, """
            INSERT INTO link_person (id_number_index, person_id)
            SELECT p.id_number_index, p.person_id FROM person p
            WHERE p.id_number_index IN (SELECT id_number_index FROM link_stage WHERE valid)
            """, null, cancellationToken);

        // Rare: a number whose person was merged into another since means the survivor now.
        await ExecuteAsync(connection, transaction, """
            WITH RECURSIVE chain AS (
                SELECT l.id_number_index AS idx, p.person_id, p.merged_into FROM link_person l JOIN person p USING (person_id)
                WHERE p.merged_into IS NOT NULL
                UNION ALL
                SELECT c.idx, p.person_id, p.merged_into FROM chain c JOIN person p ON p.person_id = c.merged_into
            )
            UPDATE link_person l SET person_id = c.person_id FROM chain c WHERE c.merged_into IS NULL AND l.id_number_index = c.idx
            """, null, cancellationToken);
        await ExecuteAsync(connection, transaction, """
            SELECT count(*) FROM (
                SELECT 1 FROM person WHERE person_id IN (SELECT person_id FROM link_person) ORDER BY person_id FOR UPDATE) locked
            """, null, cancellationToken);
    }

    /// <summary>Writes what the fold decided, all at once: links, review items, blocking keys, golden records.</summary>
    public static async Task ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ClaimedBatch batch, SetwiseFold fold,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        await CopyAsync(connection, "COPY link_fold (line_no, person_id, review) FROM STDIN (FORMAT BINARY)", fold.Outcomes, (copy, o) =>
        {
            copy.Write(o.Line, NpgsqlTypes.NpgsqlDbType.Integer);
            copy.Write(o.Person, NpgsqlTypes.NpgsqlDbType.Bigint);
            copy.Write(o.Review, NpgsqlTypes.NpgsqlDbType.Boolean);
        }, cancellationToken);
        await CopyAsync(connection, "COPY link_fold_block (key, person_id) FROM STDIN (FORMAT BINARY)", fold.Blocks, (copy, b) =>
        {
            copy.Write(b.Key, NpgsqlTypes.NpgsqlDbType.Bytea);
            copy.Write(b.Person, NpgsqlTypes.NpgsqlDbType.Bigint);
        }, cancellationToken);
        await CopyAsync(connection, "COPY link_fold_golden (person_id, golden) FROM STDIN (FORMAT BINARY)", fold.Goldens, (copy, g) =>
        {
            copy.Write(g.Person, NpgsqlTypes.NpgsqlDbType.Bigint);
            copy.Write(g.Golden, NpgsqlTypes.NpgsqlDbType.Jsonb);
        }, cancellationToken);

        await ExecuteAsync(connection, transaction, $"""
            INSERT INTO person_link (department, feed, record_id, version, person_id, rule, score, linked_at)
            SELECT @d, @feed, s.record_id, s.version, f.person_id, '{LinkRule.IdNumber.Word}', 1.0, @now
            FROM link_fold f JOIN link_stage s USING (line_no) WHERE NOT f.review ORDER BY f.line_no
            ON CONFLICT DO NOTHING;
            INSERT INTO review_item (department, feed, record_id, version, person_id, reason, score, created_at)
            SELECT @d, @feed, s.record_id, s.version, f.person_id, '{ReviewReasons.NumberButNameAndBirthDateDisagree}', 0.5, @now
            FROM link_fold f JOIN link_stage s USING (line_no) WHERE f.review ORDER BY f.line_no
            ON CONFLICT DO NOTHING;
            INSERT INTO person_block (key, person_id)
            SELECT DISTINCT key, person_id FROM link_fold_block ORDER BY key, person_id
            ON CONFLICT DO NOTHING;
            UPDATE person p SET golden = g.golden, updated_at = @now FROM link_fold_golden g WHERE p.person_id = g.person_id;
            """, command => AddBatch(command, batch, now), cancellationToken);
    }

    /// <summary>The persons that corrected records of this segment left for another person.</summary>
    public static async Task<List<long>> LeftPersonsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ClaimedBatch batch,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT DISTINCT previous.person_id
            FROM link_fold f JOIN link_stage s USING (line_no)
            CROSS JOIN LATERAL (
                SELECT person_id FROM person_link p
                WHERE p.department = @d AND p.feed = @feed AND p.record_id = s.record_id AND p.version < s.version
                ORDER BY p.version DESC LIMIT 1) previous
            WHERE NOT f.review AND s.version > 1 AND previous.person_id <> f.person_id
            """, connection, transaction);
        command.Parameters.AddWithValue("d", batch.Department);
        command.Parameters.AddWithValue("feed", batch.Feed);
        return await command.ReadRowsAsync(reader => reader.GetInt64(0), cancellationToken);
    }

    private static void AddBatch(NpgsqlCommand command, ClaimedBatch batch, DateTimeOffset now)
    {
        command.Parameters.AddWithValue("d", batch.Department);
        command.Parameters.AddWithValue("feed", batch.Feed);
        command.Parameters.AddWithValue("now", now);
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql,
        Action<NpgsqlCommand>? parameters, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        parameters?.Invoke(command);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Copies rows into a scratch table in binary; <paramref name="write"/> writes one row's columns.</summary>
    private static async Task CopyAsync<T>(NpgsqlConnection connection, string copyCommand, IEnumerable<T> rows,
        Action<NpgsqlBinaryImporter, T> write, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(copyCommand, cancellationToken);
        foreach (var row in rows)
        {
            copy.StartRow();
            write(copy, row);
        }

        await copy.CompleteAsync(cancellationToken);
    }
}
