using System.Text;
using System.Text.Json;
using IntegrationHub.Intake.Reports;
using IntegrationHub.Intake.Validation;
using IntegrationHub.Platform.Audit;
using IntegrationHub.Platform.Database;
using Npgsql;
using NpgsqlTypes;

namespace IntegrationHub.Intake.Storage;

/// <summary>
/// One batch being written, on one connection that holds the batch's advisory lock: a second sender of the same batch
/// waits its turn instead of interleaving. Every chunk commits whole.
/// </summary>
public sealed class BatchSession : IAsyncDisposable
{
    /// <summary>Up to this many records a chunk's rows go in as two INSERTs in one round trip; above, as two COPYs.</summary>
    private const int SmallChunk = 32;

    private readonly NpgsqlConnection connection;
    private readonly BatchHeader header;
    private readonly TimeProvider time;
    private bool creating;
    private DateTimeOffset startedAt;

    private BatchSession(NpgsqlConnection connection, BatchHeader header, TimeProvider time)
    {
        this.connection = connection;
        this.header = header;
        this.time = time;
    }

    /// <summary>Opens the session, or returns null when another request holds this batch right now.</summary>
    public static async Task<BatchSession?> TryOpenAsync(NpgsqlDataSource dataSource, BatchHeader header, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var locked = false;
        try
        {
            await using var open = new NpgsqlBatch(connection);
            open.BatchCommands.Add(new NpgsqlBatchCommand(GenericPlans.ForSession));
            open.BatchCommands.Add(Keyed("SELECT pg_try_advisory_lock(hashtext(@d), hashtext(@b))", header));
            // Read in the same round trip, after the lock: what is stored of the batch (meaningless if the lock was refused).
            open.BatchCommands.Add(Keyed(FindSql, header));
            await using var reader = await open.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            locked = reader.GetBoolean(0);
            if (locked)
            {
                await reader.NextResultAsync(cancellationToken);
                var stored = await ReadStoredAsync(reader, cancellationToken);
                await reader.DisposeAsync();
                return new BatchSession(connection, header, time) { Stored = stored };
            }
        }
        catch
        {
            await EndAsync(connection, header, locked);
            throw;
        }

        await EndAsync(connection, header, locked: false);
        return null;
    }

    /// <summary>What was stored of the batch when the session opened; null for a batch never seen.</summary>
    public StoredBatch? Stored { get; private init; }

    private const string FindSql = """
        SELECT b.feed, b.schema_version, b.region, b.extracted_at, b.format, b.completed_at IS NOT NULL, b.content_hash,
               b.report::text,
               (SELECT count(*)::int FROM intake_line l WHERE l.department = b.department AND l.batch_id = b.batch_id),
               (SELECT coalesce(max(line_no), 0) FROM intake_line l WHERE l.department = b.department AND l.batch_id = b.batch_id)
        FROM intake_batch b WHERE b.department = @d AND b.batch_id = @b
        """;

    private static async Task<StoredBatch?> ReadStoredAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new StoredBatch(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3),
            reader.GetString(4), reader.GetBoolean(5), reader.IsDBNull(6) ? null : (byte[])reader[6],
            reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetInt32(8), reader.GetInt32(9));
    }

    /// <summary>
    /// Records that the batch is new. Its row is written in the transaction of its first chunk (or, when it has none, of its
    /// completion), so a small batch costs no transaction of its own; until then a re-send simply starts it again.
    /// </summary>
    public void Create() => creating = true;

    /// <summary>Whether any of the batch is stored: it was begun by an earlier request, or a chunk of this one was written.</summary>
    public bool HasStored => Stored is not null || !creating;

    private NpgsqlBatchCommand CreateCommand(int storedThrough)
    {
        var insert = new NpgsqlBatchCommand("""
            INSERT INTO intake_batch (department, batch_id, feed, schema_version, region, extracted_at, format, channel, submitted_by,
                                      started_at, stored_through)
            VALUES (@d, @b, @feed, @version, @region, @extracted, @format, @channel, @by, @now, @through)
            """);
        AddKey(insert.Parameters);
        insert.Parameters.AddWithValue("feed", header.Feed);
        insert.Parameters.AddWithValue("version", header.SchemaVersion);
        insert.Parameters.AddWithValue("region", header.Region);
        insert.Parameters.AddWithValue("extracted", header.ExtractedAt.ToUniversalTime());
        insert.Parameters.AddWithValue("format", header.FormatName);
        insert.Parameters.AddWithValue("channel", header.ChannelName);
        insert.Parameters.AddWithValue("by", header.SubmittedBy);
        // Kept to the microsecond PostgreSQL stores, so a report built from memory says what one read back would.
        var now = time.GetUtcNow();
        startedAt = new DateTimeOffset(now.Ticks - (now.Ticks % 10), TimeSpan.Zero);
        insert.Parameters.AddWithValue("now", startedAt);
        insert.Parameters.AddWithValue("through", storedThrough);
        creating = false;
        return insert;
    }

    /// <summary>The stored fingerprints of lines in a range, to prove a re-sent batch is the one that was cut off.</summary>
    public async Task<Dictionary<int, byte[]>> LineHashesAsync(int fromLine, int toLine, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT line_no, line_hash FROM intake_line WHERE department = @d AND batch_id = @b AND line_no BETWEEN @from AND @to",
            connection);
        AddKey(command);
        command.Parameters.AddWithValue("from", fromLine);
        command.Parameters.AddWithValue("to", toLine);
        var hashes = new Dictionary<int, byte[]>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hashes[reader.GetInt32(0)] = (byte[])reader[1];
        }

        return hashes;
    }

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
    private async Task<List<(ProcessedRecord Record, string Outcome, int? Version)>> WriteRowsAsync(IReadOnlyList<ProcessedRecord> chunk,
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

        var versions = new Dictionary<ProcessedRecord, (string Outcome, int? Version)>(ReferenceEqualityComparer.Instance);
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

        var outcomes = chunk.Select(r => r.Rejected ? (r, "rejected", (int?)null) : (r, versions[r].Outcome, versions[r].Version)).ToList();
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
    /// Stores the last chunk (when there is one left), builds the report, marks the batch complete and audits it, in one
    /// transaction. A new batch stored whole in it gets the arrival steps that take it, under a savepoint.
    /// </summary>
    public async Task<BatchCompletion> CompleteAsync(IReadOnlyList<ProcessedRecord>? lastChunk, byte[] contentHash, int maxReportedRecords,
        AuditLog audit, IReadOnlyList<IArrivalStep> arrivalSteps, CancellationToken cancellationToken)
    {
        // Still creating: no chunk was written before this one, so the whole batch is in this transaction.
        var whole = creating && lastChunk is { Count: > 0 };
        var steps = whole ? arrivalSteps.Where(s => s.Takes(lastChunk!.Count)).ToList() : [];
        var arrival = (Done: false, Failure: (Exception?)null);
        List<(ProcessedRecord Record, string Outcome, int? Version)>? outcomes = null;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (lastChunk is { Count: > 0 })
        {
            outcomes = await WriteRowsAsync(lastChunk, transaction, completing: true, steps.Count > 0 ? ArrivalSavepoint : null,
                cancellationToken);
            if (steps.Count > 0)
            {
                arrival = await ArriveAsync(steps, outcomes, transaction, cancellationToken);
            }
        }

        // A batch stored whole here is reported from what was just written; one stored over several requests or chunks, from
        // what the database holds of it.
        var report = whole
            ? ReportFrom(outcomes!, maxReportedRecords)
            : await BuildReportAsync(maxReportedRecords, transaction, cancellationToken);
        var detail = JsonSerializer.Serialize(new
        {
            feed = header.Feed,
            channel = header.ChannelName,
            received = report.Received,
            accepted = report.Accepted,
            rejected = report.Rejected,
            unchanged = report.Unchanged,
        });
        await using (var finish = new NpgsqlBatch(connection, transaction))
        {
            var update = new NpgsqlBatchCommand("""
                UPDATE intake_batch SET completed_at = @now, content_hash = @hash, report = @report::jsonb
                WHERE department = @d AND batch_id = @b
                """);
            AddKey(update.Parameters);
            update.Parameters.AddWithValue("now", report.CompletedAt);
            update.Parameters.AddWithValue("hash", contentHash);
            update.Parameters.AddWithValue("report", JsonSerializer.Serialize(report));
            finish.BatchCommands.Add(update);
            finish.BatchCommands.Add(audit.Command(
                new AuditEntry(header.SubmittedBy, "feed.submit", "intake", $"{header.Department}/{header.BatchId}", detail)));
            await finish.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new BatchCompletion(report, arrival.Done, arrival.Failure);
    }

    private const string ArrivalSavepoint = "arrival";

    /// <summary>
    /// Runs the arrival steps; if one fails, whatever they did is rolled back to the savepoint and the batch completes without
    /// them. Intake never depends on them: the failure is returned, not thrown.
    /// </summary>
    private async Task<(bool Done, Exception? Failure)> ArriveAsync(List<IArrivalStep> steps,
        List<(ProcessedRecord Record, string Outcome, int? Version)> outcomes, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var batch = new ArrivedBatch(connection, transaction, header.Department, header.BatchId, header.Feed, outcomes[^1].Record.Line,
            outcomes.Where(o => o.Outcome == "accepted").Select(o => (o.Record, o.Version!.Value)).ToList());
        try
        {
            foreach (var step in steps)
            {
                await step.RunAsync(batch, cancellationToken);
            }

            return (true, null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await transaction.RollbackAsync(ArrivalSavepoint, cancellationToken);
            return (false, exception);
        }
    }

    public ValueTask DisposeAsync() => new(EndAsync(connection, header, locked: true));

    /// <summary>
    /// Pooled connections are not reset when returned (see PlatformServiceCollectionExtensions), so the session's lock and
    /// plan setting are undone here, in one round trip. If that fails the connection is broken and the server has ended the
    /// session, lock and all; to be sure, it is dropped from the pool rather than reused.
    /// </summary>
    private static async Task EndAsync(NpgsqlConnection connection, BatchHeader header, bool locked)
    {
        try
        {
            if (connection.FullState == System.Data.ConnectionState.Open)
            {
                await using var end = new NpgsqlBatch(connection);
                if (locked)
                {
                    end.BatchCommands.Add(Keyed("SELECT pg_advisory_unlock(hashtext(@d), hashtext(@b))", header));
                }

                end.BatchCommands.Add(new NpgsqlBatchCommand(GenericPlans.Reset));
                await end.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
        {
            NpgsqlConnection.ClearPool(connection);
        }
        finally
        {
            await connection.DisposeAsync();
        }
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
        Dictionary<ProcessedRecord, (string, int?)> versions, NpgsqlTransaction transaction, CancellationToken cancellationToken)
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
                ? ("accepted", version)
                : ("unchanged", matched[record.RecordId!]);
        }
    }

    /// <summary>
    /// The rows of a small chunk, from arrays, in one round trip: each COPY costs two (and a small batch is mostly
    /// round trips). The same rows as <see cref="CopySourceRecordsAsync"/> and <see cref="CopyLinesAsync"/> write.
    /// </summary>
    private async Task InsertRowsAsync(List<(ProcessedRecord Record, string Outcome, int? Version)> outcomes, DateTimeOffset receivedAt,
        NpgsqlTransaction transaction, string? savepoint, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlBatch(connection, transaction);
        var accepted = outcomes.Where(o => o.Outcome == "accepted").Select(o => o.Record).ToList();
        var acceptedVersions = outcomes.Where(o => o.Outcome == "accepted").Select(o => o.Version!.Value).ToArray();
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
        lines.Parameters.AddWithValue("outcomes", outcomes.Select(o => o.Outcome).ToArray());
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

    private async Task CopySourceRecordsAsync(List<(ProcessedRecord Record, string Outcome, int? Version)> outcomes, DateTimeOffset receivedAt,
        CancellationToken cancellationToken)
    {
        if (!outcomes.Any(o => o.Outcome == "accepted"))
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
            if (outcome != "accepted")
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

    private async Task CopyLinesAsync(List<(ProcessedRecord Record, string Outcome, int? Version)> outcomes, CancellationToken cancellationToken)
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
            copy.Write(outcome, NpgsqlDbType.Text);
            WriteNullable(copy, version, NpgsqlDbType.Integer);
            copy.Write(record.LineHash, NpgsqlDbType.Bytea);
            WriteNullable(copy, sets[index++]?.Hash, NpgsqlDbType.Bytea);
            WriteNullable(copy, record.RawCipher, NpgsqlDbType.Bytea);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    /// <summary>The report of a batch whose every line is in <paramref name="outcomes"/>: what <see cref="BuildReportAsync"/> would read.</summary>
    private BatchReport ReportFrom(List<(ProcessedRecord Record, string Outcome, int? Version)> outcomes, int maxReportedRecords)
    {
        var problems = outcomes.Where(o => o.Record.Problems.Count > 0).OrderBy(o => o.Record.Line).Take(maxReportedRecords + 1)
            .Select(o => new RecordProblem(o.Record.Line, o.Record.RecordId is { } id ? ReportText.RecordIdForReport(id) : null,
                ProblemOutcome(o.Outcome), o.Record.Problems))
            .ToList();
        return Report(outcomes.Count(o => o.Outcome == "accepted"), outcomes.Count(o => o.Outcome == "unchanged"),
            outcomes.Count(o => o.Outcome == "rejected"), outcomes.Count(o => o.Outcome != "rejected" && o.Record.Problems.Count > 0),
            startedAt, problems, maxReportedRecords);
    }

    private static string ProblemOutcome(string outcome) => outcome switch
    {
        "rejected" => "rejected",
        "unchanged" => "unchanged-with-warning",
        _ => "accepted-with-warning",
    };

    private BatchReport Report(int accepted, int unchanged, int rejected, int warnings, DateTimeOffset started, List<RecordProblem> problems,
        int maxReportedRecords)
    {
        var truncated = problems.Count > maxReportedRecords;
        if (truncated)
        {
            problems.RemoveAt(problems.Count - 1);
        }

        return new BatchReport(header.BatchId, header.Department, header.Feed, header.SchemaVersion, header.FormatName, "complete",
            started, time.GetUtcNow(), accepted + unchanged + rejected, accepted, rejected, warnings, unchanged, truncated, problems);
    }

    private async Task<BatchReport> BuildReportAsync(int maxReportedRecords, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        int accepted, unchanged, rejected, warnings;
        DateTimeOffset started;
        var problems = new List<RecordProblem>();
        await using (var read = new NpgsqlBatch(connection, transaction))
        {
            if (creating)
            {
                // A batch without a single record had no chunk to create it.
                read.BatchCommands.Add(CreateCommand(0));
            }

            var counts = new NpgsqlBatchCommand("""
                SELECT count(*) FILTER (WHERE outcome = 'accepted')::int,
                       count(*) FILTER (WHERE outcome = 'unchanged')::int,
                       count(*) FILTER (WHERE outcome = 'rejected')::int,
                       count(*) FILTER (WHERE outcome <> 'rejected' AND (problem_set IS NOT NULL OR problems IS NOT NULL))::int,
                       (SELECT started_at FROM intake_batch WHERE department = @d AND batch_id = @b)
                FROM intake_line WHERE department = @d AND batch_id = @b
                """);
            AddKey(counts.Parameters);
            var list = new NpgsqlBatchCommand("""
                SELECT l.line_no, l.record_id, l.outcome, l.problems::text, s.problems::text
                FROM intake_line l LEFT JOIN intake_problem_set s ON s.hash = l.problem_set
                WHERE l.department = @d AND l.batch_id = @b AND (l.problem_set IS NOT NULL OR l.problems IS NOT NULL)
                ORDER BY l.line_no LIMIT @limit
                """);
            AddKey(list.Parameters);
            list.Parameters.AddWithValue("limit", maxReportedRecords + 1);
            read.BatchCommands.Add(counts);
            read.BatchCommands.Add(list);

            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            (accepted, unchanged, rejected, warnings) = (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3));
            started = reader.GetFieldValue<DateTimeOffset>(4);
            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                problems.Add(new RecordProblem(
                    reader.GetInt32(0),
                    reader.IsDBNull(1) ? null : ReportText.RecordIdForReport(reader.GetString(1)),
                    ProblemOutcome(reader.GetString(2)),
                    ProblemSets.Read(reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4),
                        reader.GetInt32(0), JsonFormat)));
            }
        }

        return Report(accepted, unchanged, rejected, warnings, started, problems, maxReportedRecords);
    }

    private bool JsonFormat => header.Format == BatchFormat.Json;

    private void AddKey(NpgsqlCommand command) => AddKey(command.Parameters);

    private void AddKey(NpgsqlParameterCollection parameters) => AddKey(parameters, header);

    private static void AddKey(NpgsqlParameterCollection parameters, BatchHeader header)
    {
        parameters.AddWithValue("d", header.Department);
        parameters.AddWithValue("b", header.BatchId);
    }

    private static NpgsqlBatchCommand Keyed(string sql, BatchHeader header)
    {
        var command = new NpgsqlBatchCommand(sql);
        AddKey(command.Parameters, header);
        return command;
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
