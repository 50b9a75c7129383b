using IntegrationHub.Intake.Reports;
using IntegrationHub.Intake.Validation;

namespace IntegrationHub.Intake.Storage;

/// <summary>
/// One batch being written, on one connection that holds the batch's advisory lock: a second sender of the same batch
/// waits its turn instead of interleaving. Every chunk commits whole.
/// </summary>
internal sealed partial class BatchSession : IAsyncDisposable
{

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
}
