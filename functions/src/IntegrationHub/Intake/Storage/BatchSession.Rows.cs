using IntegrationHub.Intake.Validation;

namespace IntegrationHub.Intake.Storage;

/// <summary>Writing a chunk's rows: current versions upserted, then source records and lines inserted or copied.</summary>
internal sealed partial class BatchSession
{
    /// <summary>Up to this many records a chunk's rows go in as two INSERTs in one round trip; above, as two COPYs.</summary>
    private const int SmallChunk = 32;

    /// <summary>
    /// Stores one chunk in one transaction. Each record's current version is upserted in one statement that decides
    /// between a new version and "unchanged" under the row's lock, so concurrent batches touching the same recordId
    /// serialize on it; rows go in recordId order, so two chunks never wait on each other in a cycle.
    /// </summary>
    public async Task WriteChunkAsync(IReadOnlyList<ProcessedRecord> chunk, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await WriteRowsAsync(chunk, transaction, completing: false, savepoint: null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Writes a chunk's rows; returns each record with its outcome and version. With a <paramref name="savepoint"/> name, the
    /// savepoint is set after the rows, in their last round trip.
    /// </summary>
    private async Task<List<WrittenLine>> WriteRowsAsync(IReadOnlyList<ProcessedRecord> chunk,
        NpgsqlTransaction transaction, bool completing, string? savepoint, CancellationToken cancellationToken)
    {
        // Sent with the first upsert: the batch's row (new batch) or its progress, and the commit mode. Chunks need not wait
        // for their own WAL flush: nobody has been told "accepted" yet, and the completing transaction's synchronous commit
        // flushes the log up to and including every chunk before the reply. A database crash can only lose a suffix of
        // chunks, so what remains is still a prefix a re-send resumes after.
        var start = new List<NpgsqlBatchCommand>();
        if (!completing)
        {
            start.Add(new NpgsqlBatchCommand("SET LOCAL synchronous_commit = off"));
        }

        if (creating)
        {
            start.Add(CreateCommand(chunk[^1].Line));
        }
        else
        {
            var progress = new NpgsqlBatchCommand("UPDATE intake_batch SET stored_through = @through WHERE department = @d AND batch_id = @b");
            AddKey(progress.Parameters);
            progress.Parameters.AddWithValue("through", chunk[^1].Line);
            start.Add(progress);
        }

        var versions = new Dictionary<ProcessedRecord, (LineOutcome Outcome, int Version)>(ReferenceEqualityComparer.Instance);
        var rounds = Rounds(chunk);
        if (rounds.Count == 0)
        {
            await using var alone = new NpgsqlBatch(connection, transaction);
            start.ForEach(alone.BatchCommands.Add);
            await alone.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var round in rounds)
        {
            await UpsertCurrentAsync(round, start, versions, transaction, cancellationToken);
            start = [];
        }

        var outcomes = chunk.Select(r => r.Rejected
            ? new WrittenLine(r, LineOutcome.Rejected, null)
            : new WrittenLine(r, versions[r].Outcome, versions[r].Version)).ToList();
        if (chunk.Count <= SmallChunk)
        {
            await InsertRowsAsync(outcomes, time.GetUtcNow(), transaction, savepoint, cancellationToken);
        }
        else
        {
            await CopySourceRecordsAsync(outcomes, time.GetUtcNow(), cancellationToken);
            await CopyLinesAsync(outcomes, cancellationToken);
            if (savepoint is not null)
            {
                await transaction.SaveAsync(savepoint, cancellationToken);
            }
        }

        return outcomes;
    }

    /// <summary>
    /// A recordId may come twice in one chunk (a correction inside the batch); one upsert may touch a row only once,
    /// so the k-th occurrence of each recordId goes in round k, in line order.
    /// </summary>
    private static List<List<ProcessedRecord>> Rounds(IReadOnlyList<ProcessedRecord> chunk)
    {
        var rounds = new List<List<ProcessedRecord>>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var record in chunk.Where(r => !r.Rejected))
        {
            var round = seen.TryGetValue(record.RecordId!, out var count) ? count : 0;
            seen[record.RecordId!] = round + 1;
            if (round == rounds.Count)
            {
                rounds.Add([]);
            }

            rounds[round].Add(record);
        }

        foreach (var round in rounds)
        {
            round.Sort((a, b) => string.CompareOrdinal(a.RecordId, b.RecordId));
        }

        return rounds;
    }

    private async Task UpsertCurrentAsync(List<ProcessedRecord> round, List<NpgsqlBatchCommand> before,
        Dictionary<ProcessedRecord, (LineOutcome, int)> versions, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var accepted = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            before.ForEach(batch.BatchCommands.Add);
            var upsert = new NpgsqlBatchCommand("""
            INSERT INTO source_record_current AS c (department, feed, record_id, version, content_hash)
            SELECT @d, @feed, u.id, 1, u.hash FROM unnest(@ids, @hashes) WITH ORDINALITY AS u(id, hash, n) ORDER BY u.n
            ON CONFLICT (department, feed, record_id) DO UPDATE SET version = c.version + 1, content_hash = excluded.content_hash
            WHERE c.content_hash IS DISTINCT FROM excluded.content_hash
            RETURNING record_id, version
            """);
            upsert.Parameters.AddWithValue("d", header.Department);
            upsert.Parameters.AddWithValue("feed", header.Feed);
            upsert.Parameters.AddWithValue("ids", round.Select(r => r.RecordId!).ToArray());
            upsert.Parameters.AddWithValue("hashes", round.Select(r => r.ContentHash!).ToArray());
            batch.BatchCommands.Add(upsert);
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                accepted[reader.GetString(0)] = reader.GetInt32(1);
            }
        }

        var unchanged = round.Where(r => !accepted.ContainsKey(r.RecordId!)).Select(r => r.RecordId!).ToArray();
        var matched = new Dictionary<string, int>(StringComparer.Ordinal);
        if (unchanged.Length > 0)
        {
            await using var select = new NpgsqlCommand(
                "SELECT record_id, version FROM source_record_current WHERE department = @d AND feed = @feed AND record_id = ANY(@ids)",
                connection, transaction);
            select.Parameters.AddWithValue("d", header.Department);
            select.Parameters.AddWithValue("feed", header.Feed);
            select.Parameters.AddWithValue("ids", unchanged);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                matched[reader.GetString(0)] = reader.GetInt32(1);
            }
        }

        foreach (var record in round)
        {
            versions[record] = accepted.TryGetValue(record.RecordId!, out var version)
                ? (LineOutcome.Accepted, version)
                : (LineOutcome.Unchanged, matched[record.RecordId!]);
        }
    }

    /// <summary>
    /// The rows of a small chunk, from arrays, in one round trip: each COPY costs two (and a small batch is mostly
    /// round trips). The same rows as <see cref="CopySourceRecordsAsync"/> and <see cref="CopyLinesAsync"/> write.
    /// </summary>
    private async Task InsertRowsAsync(List<WrittenLine> outcomes, DateTimeOffset receivedAt,
        NpgsqlTransaction transaction, string? savepoint, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlBatch(connection, transaction);
        var accepted = outcomes.Where(o => o.IsAccepted).Select(o => o.Record).ToList();
        var acceptedVersions = outcomes.Where(o => o.IsAccepted).Select(o => o.Version!.Value).ToArray();
        if (accepted.Count > 0)
        {
            var records = new NpgsqlBatchCommand("""
                INSERT INTO source_record (department, feed, record_id, version, batch_id, line_no, schema_version, received_at, content_hash,
                    payload, id_number_cipher, id_number_index, id_number_valid, former_id_cipher, former_id_index, warnings)
                SELECT @d, @feed, u.record_id, u.version, @b, u.line_no, @schema, @received, u.content_hash, u.payload::jsonb,
                       u.id_cipher, u.id_index, u.id_valid, u.former_cipher, u.former_index, u.warnings::jsonb
                FROM unnest(@ids, @versions, @lines, @hashes, @payloads, @id_ciphers, @id_indexes, @id_valid, @former_ciphers,
                            @former_indexes, @warnings)
                     AS u(record_id, version, line_no, content_hash, payload, id_cipher, id_index, id_valid, former_cipher, former_index, warnings)
                """);
            AddKey(records.Parameters);
            records.Parameters.AddWithValue("feed", header.Feed);
            records.Parameters.AddWithValue("schema", header.SchemaVersion);
            records.Parameters.AddWithValue("received", receivedAt);
            records.Parameters.AddWithValue("ids", accepted.Select(r => r.RecordId!).ToArray());
            records.Parameters.AddWithValue("versions", acceptedVersions);
            records.Parameters.AddWithValue("lines", accepted.Select(r => r.Line).ToArray());
            records.Parameters.AddWithValue("hashes", accepted.Select(r => r.ContentHash!).ToArray());
            records.Parameters.AddWithValue("payloads", accepted.Select(r => Encoding.UTF8.GetString(r.Payload!)).ToArray());
            records.Parameters.Add(Array("id_ciphers", NpgsqlDbType.Bytea, accepted.Select(r => r.IdNumberCipher).ToArray()));
            records.Parameters.Add(Array("id_indexes", NpgsqlDbType.Bytea, accepted.Select(r => r.IdNumberIndex).ToArray()));
            records.Parameters.Add(Array("id_valid", NpgsqlDbType.Boolean, accepted.Select(r => r.IdNumberValid).ToArray()));
            records.Parameters.Add(Array("former_ciphers", NpgsqlDbType.Bytea, accepted.Select(r => r.FormerIdCipher).ToArray()));
            records.Parameters.Add(Array("former_indexes", NpgsqlDbType.Bytea, accepted.Select(r => r.FormerIdIndex).ToArray()));
            records.Parameters.Add(Array("warnings", NpgsqlDbType.Text, accepted.Select(r => ProblemsJson(r)).ToArray()));
            insert.BatchCommands.Add(records);
        }

        var sets = outcomes.Select(o => ProblemSets.Of(o.Record, JsonFormat)).ToArray();
        if (ProblemSets.InsertCommand(sets) is { } storeSets)
        {
            insert.BatchCommands.Add(storeSets);
        }

        var lines = new NpgsqlBatchCommand("""
            INSERT INTO intake_line (department, batch_id, line_no, record_id, outcome, version, line_hash, problem_set, raw_cipher)
            SELECT @d, @b, u.line_no, u.record_id, u.outcome, u.version, u.line_hash, u.problem_set, u.raw_cipher
            FROM unnest(@lines, @ids, @outcomes, @versions, @line_hashes, @problem_sets, @raw)
                 AS u(line_no, record_id, outcome, version, line_hash, problem_set, raw_cipher)
            """);
        AddKey(lines.Parameters);
        lines.Parameters.AddWithValue("lines", outcomes.Select(o => o.Record.Line).ToArray());
        lines.Parameters.Add(Array("ids", NpgsqlDbType.Text, outcomes.Select(o => o.Record.RecordId).ToArray()));
        lines.Parameters.AddWithValue("outcomes", outcomes.Select(o => LineOutcomes.Column(o.Outcome)).ToArray());
        lines.Parameters.Add(Array("versions", NpgsqlDbType.Integer, outcomes.Select(o => o.Version).ToArray()));
        lines.Parameters.AddWithValue("line_hashes", outcomes.Select(o => o.Record.LineHash).ToArray());
        lines.Parameters.Add(Array("problem_sets", NpgsqlDbType.Bytea, sets.Select(set => set?.Hash).ToArray()));
        lines.Parameters.Add(Array("raw", NpgsqlDbType.Bytea, outcomes.Select(o => o.Record.RawCipher).ToArray()));
        insert.BatchCommands.Add(lines);
        if (savepoint is not null)
        {
            insert.BatchCommands.Add(new NpgsqlBatchCommand($"SAVEPOINT {savepoint}"));
        }

        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlParameter Array<T>(string name, NpgsqlDbType elementType, T[] values) =>
        new(name, NpgsqlDbType.Array | elementType) { Value = values };

    private static string? ProblemsJson(ProcessedRecord record) =>
        record.Problems.Count > 0 ? JsonSerializer.Serialize(record.Problems) : null;

    private async Task CopySourceRecordsAsync(List<WrittenLine> outcomes, DateTimeOffset receivedAt,
        CancellationToken cancellationToken)
    {
        if (!outcomes.Any(o => o.IsAccepted))
        {
            return;
        }

        // Rows are written synchronously into Npgsql's buffer: an await per field costs more than the rare blocking flush.
        await using var copy = await connection.BeginBinaryImportAsync("""
            COPY source_record (department, feed, record_id, version, batch_id, line_no, schema_version, received_at, content_hash,
                payload, id_number_cipher, id_number_index, id_number_valid, former_id_cipher, former_id_index, warnings)
            FROM STDIN (FORMAT BINARY)
            """, cancellationToken);
        foreach (var (record, outcome, version) in outcomes)
        {
            if (outcome != LineOutcome.Accepted)
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            copy.StartRow();
            copy.Write(header.Department, NpgsqlDbType.Text);
            copy.Write(header.Feed, NpgsqlDbType.Text);
            copy.Write(record.RecordId!, NpgsqlDbType.Text);
            copy.Write(version!.Value, NpgsqlDbType.Integer);
            copy.Write(header.BatchId, NpgsqlDbType.Text);
            copy.Write(record.Line, NpgsqlDbType.Integer);
            copy.Write(header.SchemaVersion, NpgsqlDbType.Text);
            copy.Write(receivedAt, NpgsqlDbType.TimestampTz);
            copy.Write(record.ContentHash!, NpgsqlDbType.Bytea);
            copy.Write(Encoding.UTF8.GetString(record.Payload!), NpgsqlDbType.Jsonb);
            WriteNullable(copy, record.IdNumberCipher, NpgsqlDbType.Bytea);
            WriteNullable(copy, record.IdNumberIndex, NpgsqlDbType.Bytea);
            WriteNullable(copy, record.IdNumberValid, NpgsqlDbType.Boolean);
            WriteNullable(copy, record.FormerIdCipher, NpgsqlDbType.Bytea);
            WriteNullable(copy, record.FormerIdIndex, NpgsqlDbType.Bytea);
            WriteNullable(copy, ProblemsJson(record), NpgsqlDbType.Jsonb);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private async Task CopyLinesAsync(List<WrittenLine> outcomes, CancellationToken cancellationToken)
    {
        var sets = outcomes.Select(o => ProblemSets.Of(o.Record, JsonFormat)).ToArray();
        if (ProblemSets.InsertCommand(sets) is { } storeSets)
        {
            await using var batch = new NpgsqlBatch(connection) { BatchCommands = { storeSets } };
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var copy = await connection.BeginBinaryImportAsync("""
            COPY intake_line (department, batch_id, line_no, record_id, outcome, version, line_hash, problem_set, raw_cipher)
            FROM STDIN (FORMAT BINARY)
            """, cancellationToken);
        var index = 0;
        foreach (var (record, outcome, version) in outcomes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            copy.StartRow();
            copy.Write(header.Department, NpgsqlDbType.Text);
            copy.Write(header.BatchId, NpgsqlDbType.Text);
            copy.Write(record.Line, NpgsqlDbType.Integer);
            WriteNullable(copy, record.RecordId, NpgsqlDbType.Text);
            copy.Write(LineOutcomes.Column(outcome), NpgsqlDbType.Text);
            WriteNullable(copy, version, NpgsqlDbType.Integer);
            copy.Write(record.LineHash, NpgsqlDbType.Bytea);
            WriteNullable(copy, sets[index++]?.Hash, NpgsqlDbType.Bytea);
            WriteNullable(copy, record.RawCipher, NpgsqlDbType.Bytea);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private static void WriteNullable<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            copy.WriteNull();
        }
        else
        {
            copy.Write(value, type);
        }
    }
}
