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
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("key", ChainLockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        long previousSeq = 0;
        var previousHash = new byte[32];
        await using (var last = new NpgsqlCommand("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", connection, transaction))
        await using (var reader = await last.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                previousSeq = reader.GetInt64(0);
                previousHash = (byte[])reader[1];
            }
        }

        // Microsecond precision: what PostgreSQL keeps, so a verifier recomputes the same hash.
        var now = time.GetUtcNow();
        var at = new DateTimeOffset(now.Ticks - (now.Ticks % 10), TimeSpan.Zero);
        var seq = previousSeq + 1;
        await using var insert = new NpgsqlCommand("""
            INSERT INTO audit_log (seq, at, actor, action, purpose, subject, detail, prev_hash, hash)
            VALUES (@seq, @at, @actor, @action, @purpose, @subject, @detail::json, @prev, @hash)
            """, connection, transaction);
        insert.Parameters.AddWithValue("seq", seq);
        insert.Parameters.AddWithValue("at", at);
        insert.Parameters.AddWithValue("actor", entry.Actor);
        insert.Parameters.AddWithValue("action", entry.Action);
        insert.Parameters.AddWithValue("purpose", entry.Purpose);
        insert.Parameters.Add(new NpgsqlParameter("subject", NpgsqlDbType.Text) { Value = (object?)entry.Subject ?? DBNull.Value });
        insert.Parameters.AddWithValue("detail", entry.DetailJson);
        insert.Parameters.AddWithValue("prev", previousHash);
        insert.Parameters.AddWithValue("hash", ComputeHash(previousHash, seq, at, entry));
        await insert.ExecuteNonQueryAsync(cancellationToken);
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
