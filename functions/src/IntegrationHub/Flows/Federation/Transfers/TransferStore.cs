using IntegrationHub.Identity;

namespace IntegrationHub.Flows.Federation.Transfers;

/// <summary>The transfer tables (<c>transfer</c>, <c>transfer_step</c>): the rows, their steps and the relay's claims.</summary>
internal static class TransferStore
{
    /// <summary>Inserts a transfer with its first step; false when its id exists, or, at the origin, when the person has a
    /// transfer under way (SQLSTATE 23505 either way: the caller's transaction is then aborted and must be rolled back).</summary>
    public static async Task<bool> TryInsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, TransferRow row,
        CancellationToken cancellationToken)
    {
        try
        {
            await SqlStatements.ExecuteAsync(connection, transaction, """
                INSERT INTO transfer (transfer_id, role, peer, person_id, reason, trigger, status, transfer_date, package, id_number_cipher,
                                      id_number_index, outbound, next_attempt_at, requested_at, updated_at)
                VALUES (@id, @role, @peer, @person, @reason, @trigger, @status, @date, @package::jsonb, @cipher, @index, @outbound, @next,
                        @requested, @requested)
                """, cancellationToken, ("id", row.Id), ("role", row.Role), ("peer", row.Peer),
                ("person", (object?)row.Person ?? DBNull.Value), ("reason", row.Reason), ("trigger", row.Trigger), ("status", row.Status),
                ("date", row.TransferDate), ("package", row.Package.ToJsonString()), ("cipher", row.IdNumberCipher),
                ("index", row.IdNumberIndex), ("outbound", (object?)row.Outbound ?? DBNull.Value),
                ("next", (object?)row.NextAttemptAt ?? DBNull.Value), ("requested", row.RequestedAt));
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return false;
        }
    }

    /// <summary>Whether the person left this hub by a transfer it has not come back from (an accepted origin transfer with
    /// no accepted destination transfer after it).</summary>
    public static async Task<bool> IsAwayAsync(NpgsqlDataSource dataSource, long person, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT role = 'origin' FROM transfer WHERE person_id = @p AND status = 'accepted' ORDER BY updated_at DESC LIMIT 1
            """);
        command.Parameters.AddWithValue("p", person);
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    public static async Task AddStepAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, string status, DateTimeOffset at,
        string? reason, string? messageId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO transfer_step (transfer_id, seq, status, at, reason, message_id)
            SELECT @id, coalesce(max(seq), 0) + 1, @status, @at, @reason, @message FROM transfer_step WHERE transfer_id = @id
            """, connection, transaction);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("status", status);
        command.Parameters.AddWithValue("at", at);
        command.Parameters.AddWithValue("reason", (object?)reason ?? DBNull.Value);
        command.Parameters.AddWithValue("message", (object?)messageId ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Sets the status (and what the relay has next to send, and when); a step is added when the status changes.</summary>
    public static async Task MoveAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, string status, string? reason,
        string? outbound, DateTimeOffset? next, DateTimeOffset now, string? messageId, CancellationToken cancellationToken, long? person = null)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE transfer SET status = @status, status_reason = coalesce(@reason, status_reason), outbound = @outbound,
                next_attempt_at = @next, last_error = NULL, updated_at = @now, person_id = coalesce(@person, person_id)
            WHERE transfer_id = @id
            """, connection, transaction);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("status", status);
        command.Parameters.AddWithValue("reason", (object?)reason ?? DBNull.Value);
        command.Parameters.AddWithValue("outbound", (object?)outbound ?? DBNull.Value);
        command.Parameters.AddWithValue("next", (object?)next ?? DBNull.Value);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("person", (object?)person ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await AddStepAsync(connection, transaction, id, status, now, reason, messageId, cancellationToken);
    }

    /// <summary>The transfer, locked for the caller's transaction; null when unknown.</summary>
    public static async Task<TransferRow?> LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"{Select} WHERE transfer_id = @id FOR UPDATE", connection, transaction);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>Claims up to <paramref name="limit"/> transfers whose next step is due, leasing each until
    /// <paramref name="leaseUntil"/>: a relay that dies mid-step leaves it to be taken again after the lease.</summary>
    public static async Task<List<TransferRow>> ClaimDueAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DateTimeOffset now,
        DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken)
    {
        var rows = new List<TransferRow>();
        await using (var command = new NpgsqlCommand($"""
            {Select} WHERE next_attempt_at <= @now AND outbound IS NOT NULL
            ORDER BY next_attempt_at LIMIT @limit FOR UPDATE SKIP LOCKED
            """, connection, transaction))
        {
            command.Parameters.AddWithValue("now", now);
            command.Parameters.AddWithValue("limit", limit);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(Read(reader));
            }
        }

        if (rows.Count > 0)
        {
            await using var lease = new NpgsqlCommand(
                "UPDATE transfer SET next_attempt_at = @until, attempts = attempts + 1 WHERE transfer_id = ANY(@ids)", connection, transaction);
            lease.Parameters.AddWithValue("until", leaseUntil);
            lease.Parameters.AddWithValue("ids", rows.Select(r => r.Id).ToArray());
            await lease.ExecuteNonQueryAsync(cancellationToken);
        }

        return rows;
    }

    /// <summary>Records a failed attempt; the next comes after a backoff doubling with each attempt, from 1 s to 30 s.</summary>
    public static async Task DeferAsync(NpgsqlDataSource dataSource, Guid id, string error, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE transfer SET last_error = @error,
                next_attempt_at = @now + least(make_interval(secs => power(2, greatest(attempts - 1, 0))::double precision), interval '30 seconds')
            WHERE transfer_id = @id
            """);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("error", error.Length > 500 ? error[..500] : error);
        command.Parameters.AddWithValue("now", now);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<TransferView?> ViewAsync(NpgsqlDataSource dataSource, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        TransferRow? row;
        string? lastError;
        int attempts;
        await using (var command = new NpgsqlCommand($"SELECT {Columns}, last_error, attempts FROM transfer WHERE transfer_id = @id", connection))
        {
            command.Parameters.AddWithValue("id", id);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            row = Read(reader);
            lastError = reader.IsDBNull(14) ? null : reader.GetString(14);
            attempts = reader.GetInt32(15);
        }

        var steps = new List<TransferStep>();
        await using (var command = new NpgsqlCommand(
            "SELECT status, at, reason, message_id FROM transfer_step WHERE transfer_id = @id ORDER BY seq", connection))
        {
            command.Parameters.AddWithValue("id", id);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                steps.Add(new TransferStep(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3)));
            }
        }

        return new TransferView(row.Id, row.Role, row.Peer, row.Person is { } p ? PersonId.Format(p) : null, row.Status, row.StatusReason,
            row.Reason, row.Trigger, row.TransferDate, attempts, lastError, steps)
        {
            Graduate = row.Package["graduate"]?.DeepClone() as JsonObject,
        };
    }

    private const string Columns = """
        transfer_id, role, peer, person_id, reason, trigger, status, status_reason, transfer_date, package::text, id_number_cipher,
        id_number_index, outbound, requested_at
        """;

    private const string Select = "SELECT " + Columns + " FROM transfer";

    private static TransferRow Read(NpgsqlDataReader reader) => new(
        reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetInt64(3), reader.GetString(4),
        reader.GetString(5), reader.GetString(6), reader.GetFieldValue<DateOnly>(8), JsonNode.Parse(reader.GetString(9))!.AsObject(),
        (byte[])reader[10], (byte[])reader[11], reader.IsDBNull(12) ? null : reader.GetString(12), null, reader.GetFieldValue<DateTimeOffset>(13))
    {
        StatusReason = reader.IsDBNull(7) ? null : reader.GetString(7),
    };
}

/// <summary>A transfer row. <see cref="Package"/> never holds the identity number (it is <see cref="IdNumberCipher"/>).</summary>
internal sealed record TransferRow(Guid Id, string Role, string Peer, long? Person, string Reason, string Trigger, string Status,
    DateOnly TransferDate, JsonObject Package, byte[] IdNumberCipher, byte[] IdNumberIndex, string? Outbound, DateTimeOffset? NextAttemptAt,
    DateTimeOffset RequestedAt)
{
    public string? StatusReason { get; init; }

    public const string Origin = "origin";
    public const string Destination = "destination";
}
