namespace IntegrationHub.Platform.Audit;

/// <summary>
/// Appends to the audit log inside the caller's transaction, so the entry commits or rolls back with the act it records.
/// Appending takes no lock: entries are chained afterwards by <see cref="SealAsync"/>, in an order fixed once every
/// transaction that could still append before them has ended (migration 0009 says how).
/// </summary>
public sealed partial class AuditLog(TimeProvider time)
{
    public async Task AppendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, AuditEntry entry,
        CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction) { BatchCommands = { Command(entry) } };
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The append as a command, for a caller that sends it in one round trip with its own statements.</summary>
    public NpgsqlBatchCommand Command(AuditEntry entry)
    {
        // The time is kept to the microsecond PostgreSQL stores, so that the hash over its ticks is the same when verified.
        var now = time.GetUtcNow();
        var command = new NpgsqlBatchCommand(
            "INSERT INTO audit_log (at, actor, action, purpose, subject, detail) VALUES (@at, @actor, @action, @purpose, @subject, @detail::json)");
        command.Parameters.AddWithValue("at", new DateTimeOffset(now.Ticks - (now.Ticks % 10), TimeSpan.Zero));
        command.Parameters.AddWithValue("actor", entry.Actor);
        command.Parameters.AddWithValue("action", entry.Action);
        command.Parameters.AddWithValue("purpose", entry.Purpose);
        command.Parameters.Add(new NpgsqlParameter("subject", NpgsqlDbType.Text) { Value = (object?)entry.Subject ?? DBNull.Value });
        command.Parameters.AddWithValue("detail", entry.DetailJson);
        return command;
    }

    /// <summary>Appends in a transaction of its own, for acts that change nothing else (a refused request, a read).</summary>
    public async Task AppendAsync(NpgsqlDataSource dataSource, AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await AppendAsync(connection, transaction, entry, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Chains every entry whose transaction, and every transaction older than it, has ended; returns how many it sealed.
    /// Returns 0 at once while another process is sealing.
    /// </summary>
    public static async Task<int> SealAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        const int PerTransaction = 10_000;
        var total = 0;
        while (true)
        {
            await using var command = dataSource.CreateCommand("SELECT hub_audit_seal(@max)");
            command.Parameters.AddWithValue("max", PerTransaction);
            var sealedNow = (int)(await command.ExecuteScalarAsync(cancellationToken))!;
            total += sealedNow;
            if (sealedNow < PerTransaction)
            {
                return total;
            }
        }
    }

    /// <summary>
    /// Walks the sealed chain and returns the seq of the first entry whose hash or link does not match (or that is missing),
    /// or null when intact.
    /// </summary>
    public static async Task<long?> VerifyAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await WalkAsync(connection, null, 1, new byte[32], null, cancellationToken)).BrokenSeq;
    }

    private static byte[] ComputeHash(byte[] previousHash, long seq, DateTimeOffset at, AuditEntry entry)
    {
        var content = string.Join('\u001f', seq, at.UtcTicks, entry.Actor, entry.Action, entry.Purpose,
            entry.Subject ?? "\u0000", entry.DetailJson);
        var bytes = Encoding.UTF8.GetBytes(content);
        var buffer = new byte[previousHash.Length + bytes.Length];
        previousHash.CopyTo(buffer, 0);
        bytes.CopyTo(buffer, previousHash.Length);
        return SHA256.HashData(buffer);
    }
}
