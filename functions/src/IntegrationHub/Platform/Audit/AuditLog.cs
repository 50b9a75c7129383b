using System.Security.Cryptography;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace IntegrationHub.Platform.Audit;

/// <summary>
/// Appends to the hash-chained audit log inside the caller's transaction, so the audit row commits or rolls back
/// with the act it records. A transaction-scoped advisory lock serializes appends, which a chain requires.
/// </summary>
public sealed class AuditLog(TimeProvider time)
{
    private const long ChainLockKey = 0x4855_4241_5544;

    public async Task AppendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, AuditEntry entry,
        CancellationToken cancellationToken)
    {
        // One round trip: the chain's lock is held until the caller commits, and every audited transaction of the hub
        // waits for it, so nothing more than this statement and the commit may happen under it. The hash is computed here
        // exactly as ComputeHash does (VerifyAsync checks it in C#).
        var now = time.GetUtcNow();
        var at = new DateTimeOffset(now.Ticks - (now.Ticks % 10), TimeSpan.Zero);
        await using var command = new NpgsqlCommand("""
            SELECT pg_advisory_xact_lock(@key);
            INSERT INTO audit_log (seq, at, actor, action, purpose, subject, detail, prev_hash, hash)
            SELECT n.seq, @at, @actor, @action, @purpose, @subject, @detail::json, n.prev,
                   sha256(n.prev
                          || convert_to(n.seq::text || chr(31) || @ticks::text || chr(31) || @actor || chr(31) || @action || chr(31)
                                        || @purpose || chr(31), 'UTF8')
                          || coalesce(convert_to(@subject, 'UTF8'), decode('00', 'hex'))
                          || convert_to(chr(31) || @detail, 'UTF8'))
            FROM (SELECT coalesce(last.seq, 0) + 1 AS seq, coalesce(last.hash, decode(repeat('00', 32), 'hex')) AS prev
                  FROM (SELECT 1) one LEFT JOIN (SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1) last ON true) n
            """, connection, transaction);
        command.Parameters.AddWithValue("key", ChainLockKey);
        command.Parameters.AddWithValue("at", at);
        command.Parameters.AddWithValue("ticks", at.UtcTicks);
        command.Parameters.AddWithValue("actor", entry.Actor);
        command.Parameters.AddWithValue("action", entry.Action);
        command.Parameters.AddWithValue("purpose", entry.Purpose);
        command.Parameters.Add(new NpgsqlParameter("subject", NpgsqlDbType.Text) { Value = (object?)entry.Subject ?? DBNull.Value });
        command.Parameters.AddWithValue("detail", entry.DetailJson);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Appends in a transaction of its own, for acts that change nothing else (a refused request, a read).</summary>
    public async Task AppendAsync(NpgsqlDataSource dataSource, AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await AppendAsync(connection, transaction, entry, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Walks the chain and returns the first sequence number whose hash does not match, or null when intact.</summary>
    public static async Task<long?> VerifyAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var previousHash = new byte[32];
        await using var command = dataSource.CreateCommand(
            "SELECT seq, at, actor, action, purpose, subject, detail::text, prev_hash, hash FROM audit_log ORDER BY seq");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var seq = reader.GetInt64(0);
            var entry = new AuditEntry(reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6));
            var expected = ComputeHash(previousHash, seq, reader.GetFieldValue<DateTimeOffset>(1), entry);
            var stored = (byte[])reader[8];
            if (!((byte[])reader[7]).AsSpan().SequenceEqual(previousHash) || !stored.AsSpan().SequenceEqual(expected))
            {
                return seq;
            }

            previousHash = stored;
        }

        return null;
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
