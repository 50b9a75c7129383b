using static IntegrationHub.Platform.Database.SqlStatements;

namespace IntegrationHub.Platform.Operators;

// Sessions: opened by a sign-in, found again by the cookie's token while used, gone when idle or signed out.
public sealed partial class OperatorStore
{
    /// <summary>The session behind a cookie token, moving its idle clock on; null when unknown, idle too long or signed out.</summary>
    public async Task<OperatorSession?> ResolveAsync(string token, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var command = dataSource.CreateCommand("""
            UPDATE operator_session s SET last_seen_at = @now FROM operator o
            WHERE s.token_hash = @hash AND o.name = s.operator AND s.last_seen_at > @idleSince
            RETURNING o.name, o.role, s.form_token
            """);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("hash", HashToken(token));
        command.Parameters.AddWithValue("idleSince", now.AddMinutes(-options.Value.IdleMinutes));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        OperatorRoles.TryParse(reader.GetString(1), out var role);
        return new OperatorSession(reader.GetString(0), role, reader.GetString(2));
    }

    /// <summary>Ends the session (audited); a token already gone is no error.</summary>
    public async Task SignOutAsync(string token, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var delete = new NpgsqlCommand("DELETE FROM operator_session WHERE token_hash = @hash RETURNING operator", connection, transaction);
        delete.Parameters.AddWithValue("hash", HashToken(token));
        if (await delete.ExecuteScalarAsync(cancellationToken) is string name)
        {
            await audit.AppendAsync(connection, transaction, new AuditEntry(ActorOf(name), "operator.signed-out", Purpose, name), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<(string Token, OperatorSession Session)> OpenSessionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        string name, OperatorRole role, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Sessions idle past the timeout are swept here, at sign-in, rather than by a timer of their own.
        await ExecuteAsync(connection, transaction, "DELETE FROM operator_session WHERE last_seen_at <= @idleSince", cancellationToken,
            ("idleSince", now.AddMinutes(-options.Value.IdleMinutes)));
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var formToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await ExecuteAsync(connection, transaction, """
            INSERT INTO operator_session (token_hash, operator, form_token, created_at, last_seen_at) VALUES (@hash, @name, @form, @now, @now)
            """, cancellationToken, ("hash", HashToken(token)), ("name", name), ("form", formToken), ("now", now));
        return (token, new OperatorSession(name, role, formToken));
    }

    private static byte[] HashToken(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
