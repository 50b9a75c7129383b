namespace IntegrationHub.Intake.Published;

/// <summary>The lines intake has stored, followed batch by batch by the module that links them, through a cursor intake keeps.</summary>
/// <remarks>
/// Intake owns <c>intake_batch</c>, <c>intake_line</c> and the source record tables. Beside its own progress
/// (<c>stored_through</c>, the last line it committed) each batch row holds the linker's cursor (<c>linked_through</c>, the
/// last line linked); the linker claims, reads and moves it only through here, inside the transaction that does the linking,
/// so a crash repeats nothing and loses nothing.
/// </remarks>
public static class StoredLines
{
    /// <summary>
    /// Claims the oldest batch with lines stored past its cursor (or only the named batch), its row locked; a batch another
    /// linker holds is skipped. Read the claim with <see cref="ReadClaimAsync"/>.
    /// </summary>
    public static NpgsqlBatchCommand ClaimCommand(string? department = null, string? batchId = null)
    {
        if (department is null || batchId is null)
        {
            return new NpgsqlBatchCommand("""
                SELECT department, batch_id, feed, linked_through, stored_through FROM intake_batch
                WHERE linked_through < stored_through ORDER BY started_at LIMIT 1 FOR UPDATE SKIP LOCKED
                """);
        }

        var command = new NpgsqlBatchCommand("""
            SELECT department, batch_id, feed, linked_through, stored_through FROM intake_batch
            WHERE department = @d AND batch_id = @b AND linked_through < stored_through FOR UPDATE SKIP LOCKED
            """);
        command.Parameters.AddWithValue("d", department);
        command.Parameters.AddWithValue("b", batchId);
        return command;
    }

    /// <summary>The batch <see cref="ClaimCommand"/> claimed, from its result; null when none was waiting.</summary>
    public static async Task<ClaimedBatch?> ReadClaimAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new ClaimedBatch(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt32(4));
    }

    /// <summary>Moves the batch's cursor: its lines up to <paramref name="to"/> are linked.</summary>
    public static NpgsqlBatchCommand AdvanceCommand(ClaimedBatch batch, int to)
    {
        var cursor = new NpgsqlBatchCommand("UPDATE intake_batch SET linked_through = @to WHERE department = @d AND batch_id = @b");
        cursor.Parameters.AddWithValue("to", to);
        cursor.Parameters.AddWithValue("d", batch.Department);
        cursor.Parameters.AddWithValue("b", batch.BatchId);
        return cursor;
    }

    /// <summary>
    /// The accepted lines of a batch after its cursor up to <c>@to</c>, each with the record version it stored, as a relation
    /// to select from: <c>line_no, record_id, version, payload, id_number_index, id_number_cipher, id_number_valid</c>. Its
    /// parameters are set by <see cref="AddAcceptedParameters"/>.
    /// </summary>
    public const string Accepted = """
        SELECT l.line_no, s.record_id, s.version, s.payload, s.id_number_index, s.id_number_cipher, s.id_number_valid
        FROM intake_line l
        CROSS JOIN LATERAL (
            -- OFFSET 0 keeps this a per-line primary-key lookup: right after a bulk load the statistics are stale
            -- and the planner would otherwise scan every record of the feed for each line.
            SELECT * FROM source_record s
            WHERE s.department = l.department AND s.feed = @feed AND s.record_id = l.record_id AND s.version = l.version
            OFFSET 0) s
        WHERE l.department = @d AND l.batch_id = @b AND l.line_no > @from AND l.line_no <= @to AND l.outcome = 'accepted'
        """;

    public static void AddAcceptedParameters(NpgsqlCommand command, ClaimedBatch batch, int to)
    {
        command.Parameters.AddWithValue("d", batch.Department);
        command.Parameters.AddWithValue("b", batch.BatchId);
        command.Parameters.AddWithValue("feed", batch.Feed);
        command.Parameters.AddWithValue("from", batch.LinkedThrough);
        command.Parameters.AddWithValue("to", to);
    }

    /// <summary>The records of <see cref="Accepted"/>, in line order.</summary>
    public static async Task<List<StoredRecord>> ReadAcceptedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        ClaimedBatch batch, int to, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT a.record_id, a.version, a.payload::text, a.id_number_index, a.id_number_cipher, coalesce(a.id_number_valid, false)
            FROM ({Accepted}) a
            ORDER BY a.line_no
            """, connection, transaction);
        AddAcceptedParameters(command, batch, to);
        var records = new List<StoredRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new StoredRecord(batch.Department, batch.Feed, reader.GetString(0), reader.GetInt32(1),
                JsonNode.Parse(reader.GetString(2))!.AsObject(), reader.IsDBNull(3) ? null : (byte[])reader[3],
                reader.IsDBNull(4) ? null : (byte[])reader[4], reader.GetBoolean(5)));
        }

        return records;
    }

    /// <summary>A scalar query: how many stored lines wait to be linked, over all batches.</summary>
    public const string UnlinkedCount =
        "SELECT coalesce(sum(stored_through - linked_through), 0)::bigint FROM intake_batch WHERE linked_through < stored_through";
}
