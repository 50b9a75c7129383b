namespace IntegrationHub.Platform.Audit;

/// <summary>
/// The audit chain's status without walking the whole chain each time it is asked: <see cref="CheckAsync"/> verifies only the
/// seals added since the last verified one (and that one again, against the hash remembered for it), remembering the position
/// in <c>audit_verification</c>; <see cref="VerifyAllAsync"/> walks the whole chain (the daily AuditChainCheck timer) and
/// records what it found. A break once found stays reported until a full walk finds the chain whole again.
/// </summary>
/// <remarks>What the incremental check cannot see is an entry altered behind the triggers before the last verified seal: the
/// remembered hash pins only that seal, and the rest is the full walk's job, whose time the status gives. A checker holds the
/// <c>audit_verification</c> row while it walks; the incremental check (the dashboard's) skips a held row and answers with the
/// status last recorded, instead of waiting minutes behind a whole walk.</remarks>
public sealed class AuditChainWatch(NpgsqlDataSource dataSource, TimeProvider time)
{
    public Task<AuditChainStatus> CheckAsync(CancellationToken cancellationToken) => RunAsync(full: false, cancellationToken);

    public Task<AuditChainStatus> VerifyAllAsync(CancellationToken cancellationToken) => RunAsync(full: true, cancellationToken);

    private async Task<AuditChainStatus> RunAsync(bool full, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // One checker at a time: a whole walk waits here for another checker and then finds the work done; an incremental
        // check does not wait (see ReadAsync).
        await using (var ensure = new NpgsqlCommand("""
            INSERT INTO audit_verification (verified_position, checked_at) VALUES (0, @now) ON CONFLICT DO NOTHING
            """, connection, transaction))
        {
            ensure.Parameters.AddWithValue("now", time.GetUtcNow());
            await ensure.ExecuteNonQueryAsync(cancellationToken);
        }

        if (await ReadAsync(connection, transaction, full, cancellationToken) is not { } remembered)
        {
            return await RecordedAsync(connection, transaction, cancellationToken);
        }

        ChainWalk walk;
        if (full || remembered.Position == 0)
        {
            walk = await AuditLog.WalkAsync(connection, transaction, 1, new byte[32], null, cancellationToken);
        }
        else if (remembered.BrokenSeq is { } broken)
        {
            walk = new ChainWalk(broken, remembered.Position, remembered.Seq, remembered.Hash!);
        }
        else if (await PreviousHashAsync(connection, transaction, remembered.Position, cancellationToken) is { } previous)
        {
            walk = await AuditLog.WalkAsync(connection, transaction, remembered.Position, previous, remembered.Hash, cancellationToken);
        }
        else
        {
            // The seal last verified is gone.
            walk = new ChainWalk(remembered.Seq, remembered.Position, remembered.Seq, remembered.Hash!);
        }

        var now = time.GetUtcNow();
        await using (var save = new NpgsqlCommand("""
            UPDATE audit_verification SET verified_position = @position, verified_seq = @seq, verified_hash = @hash, broken_seq = @broken,
                   checked_at = @now, full_checked_at = CASE WHEN @full THEN @now ELSE full_checked_at END
            RETURNING full_checked_at
            """, connection, transaction))
        {
            save.Parameters.AddWithValue("position", walk.LastPosition);
            save.Parameters.AddWithValue("seq", NpgsqlTypes.NpgsqlDbType.Bigint, (object?)walk.LastSeq ?? DBNull.Value);
            save.Parameters.AddWithValue("hash", NpgsqlTypes.NpgsqlDbType.Bytea, walk.LastPosition == 0 ? DBNull.Value : walk.LastHash);
            save.Parameters.AddWithValue("broken", NpgsqlTypes.NpgsqlDbType.Bigint, (object?)walk.BrokenSeq ?? DBNull.Value);
            save.Parameters.AddWithValue("now", now);
            save.Parameters.AddWithValue("full", full);
            var fullAt = await save.ExecuteScalarAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new AuditChainStatus(walk.BrokenSeq, walk.LastPosition, now, fullAt is DateTime utc ? new DateTimeOffset(utc, TimeSpan.Zero) : null);
        }
    }

    /// <summary>Locks and reads the position last verified; null when <paramref name="full"/> is false and another checker holds
    /// it (a whole walk can take minutes, and the dashboard asks on every view).</summary>
    private static async Task<(long Position, long? Seq, byte[]? Hash, long? BrokenSeq)?> ReadAsync(NpgsqlConnection connection,
        NpgsqlTransaction transaction, bool full, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT verified_position, verified_seq, verified_hash, broken_seq FROM audit_verification
            FOR UPDATE {(full ? "" : "SKIP LOCKED")}
            """, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1), reader.IsDBNull(2) ? null : (byte[])reader[2],
            reader.IsDBNull(3) ? null : reader.GetInt64(3));
    }

    /// <summary>The status as the last checker to finish recorded it, read without waiting for the one that holds the row.</summary>
    private static async Task<AuditChainStatus> RecordedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT broken_seq, verified_position, checked_at, full_checked_at FROM audit_verification", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new AuditChainStatus(reader.IsDBNull(0) ? null : reader.GetInt64(0), reader.GetInt64(1),
            reader.GetFieldValue<DateTimeOffset>(2), reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3));
    }

    private static async Task<byte[]?> PreviousHashAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long position,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT prev_hash FROM audit_seal WHERE position = @position", connection, transaction);
        command.Parameters.AddWithValue("position", position);
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }
}

/// <summary>The audit chain as last checked: the entry at which it is broken (null when whole), the last seal verified, when
/// this was checked, and when the whole chain was last walked.</summary>
public sealed record AuditChainStatus(long? BrokenSeq, long VerifiedThrough, DateTimeOffset CheckedAt, DateTimeOffset? FullCheckAt);
