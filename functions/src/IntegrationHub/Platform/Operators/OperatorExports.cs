namespace IntegrationHub.Platform.Operators;

/// <summary>The exports operators ask for: queued (audited with the operator's purpose), claimed by a runner, their progress,
/// and the finished file, which only the operator who asked may read.</summary>
/// <remarks>A running export whose runner stopped reporting for <see cref="Stalled"/> (its process ended) is claimed again and
/// starts over: the file is written whole at the end, so nothing half-written is ever offered.</remarks>
public sealed class OperatorExports(NpgsqlDataSource dataSource, AuditLog audit, TimeProvider time)
{
    public static readonly TimeSpan Stalled = TimeSpan.FromMinutes(2);

    /// <summary>Queues an export and audits it under the operator, in one transaction; returns its id.</summary>
    public async Task<long> QueueAsync(string operatorName, string kind, string filter, string purpose, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var insert = new NpgsqlCommand("""
            INSERT INTO operator_export (operator, kind, filter, purpose, state, created_at, updated_at)
            VALUES (@operator, @kind, @filter, @purpose, 'queued', @now, @now) RETURNING export_id
            """, connection, transaction);
        insert.Parameters.AddWithValue("operator", operatorName);
        insert.Parameters.AddWithValue("kind", kind);
        insert.Parameters.AddWithValue("filter", filter);
        insert.Parameters.AddWithValue("purpose", purpose);
        insert.Parameters.AddWithValue("now", time.GetUtcNow());
        var id = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
        await audit.AppendAsync(connection, transaction, new AuditEntry(OperatorStore.ActorOf(operatorName), "console.export", purpose,
            id.ToString(System.Globalization.CultureInfo.InvariantCulture), JsonSerializer.Serialize(new { kind, filter })), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    /// <summary>Takes the oldest queued export (or one stalled while running) for this runner, or null when none waits.</summary>
    public async Task<OperatorExport?> ClaimAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var command = dataSource.CreateCommand("""
            UPDATE operator_export SET state = 'running', rows_written = 0, updated_at = @now
            WHERE export_id = (
                SELECT export_id FROM operator_export
                WHERE state = 'queued' OR (state = 'running' AND updated_at < @stalled)
                ORDER BY export_id LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING export_id, operator, kind, filter, purpose, state, rows_written, error, created_at, finished_at
            """);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("stalled", now - Stalled);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public Task ProgressAsync(long id, int rows, CancellationToken cancellationToken) =>
        UpdateAsync(id, "running", rows, null, null, cancellationToken);

    public Task CompleteAsync(long id, int rows, byte[] file, CancellationToken cancellationToken) =>
        UpdateAsync(id, "done", rows, null, file, cancellationToken);

    public Task FailAsync(long id, string error, CancellationToken cancellationToken) =>
        UpdateAsync(id, "failed", null, error, null, cancellationToken);

    /// <summary>The operator's export (without its file), or null when there is none of that id for that operator.</summary>
    public async Task<OperatorExport?> FindAsync(long id, string operatorName, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT export_id, operator, kind, filter, purpose, state, rows_written, error, created_at, finished_at
            FROM operator_export WHERE export_id = @id AND operator = @operator
            """);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("operator", operatorName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>The finished file of the operator's export, audited as read under the operator; null when not (yet) there.</summary>
    public async Task<byte[]?> ReadFileAsync(long id, string operatorName, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT file, purpose FROM operator_export WHERE export_id = @id AND operator = @operator AND state = 'done'", connection, transaction);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("operator", operatorName);
        byte[] file;
        string purpose;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            (file, purpose) = ((byte[])reader[0], reader.GetString(1));
        }

        await audit.AppendAsync(connection, transaction, new AuditEntry(OperatorStore.ActorOf(operatorName), "console.export.download", purpose,
            id.ToString(System.Globalization.CultureInfo.InvariantCulture), JsonSerializer.Serialize(new { bytes = file.Length })), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return file;
    }

    // Only a running export moves: a runner that stalled and lost its export to another cannot overwrite the finished one.
    private async Task UpdateAsync(long id, string state, int? rows, string? error, byte[]? file, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE operator_export SET state = @state, rows_written = coalesce(@rows, rows_written), error = @error, file = @file,
                   updated_at = @now, finished_at = CASE WHEN @state IN ('done', 'failed') THEN @now END
            WHERE export_id = @id AND state = 'running'
            """);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("state", state);
        command.Parameters.AddWithValue("rows", NpgsqlTypes.NpgsqlDbType.Integer, (object?)rows ?? DBNull.Value);
        command.Parameters.AddWithValue("error", NpgsqlTypes.NpgsqlDbType.Text, (object?)error ?? DBNull.Value);
        command.Parameters.AddWithValue("file", NpgsqlTypes.NpgsqlDbType.Bytea, (object?)file ?? DBNull.Value);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static OperatorExport Read(NpgsqlDataReader reader) => new(reader.GetInt64(0), reader.GetString(1), reader.GetString(2),
        reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetInt32(6), reader.IsDBNull(7) ? null : reader.GetString(7),
        reader.GetFieldValue<DateTimeOffset>(8), reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9));
}

/// <summary>An operator's export as its page shows it: what, why, how far (rows written), and whether it is done.</summary>
public sealed record OperatorExport(long Id, string Operator, string Kind, string Filter, string Purpose, string State, int RowsWritten,
    string? Error, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt);
