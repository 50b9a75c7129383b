using IntegrationHub.Flows.Federation.Signing;

namespace IntegrationHub.Flows.Federation.Messaging;

/// <summary>The message log (<c>peer_message</c>): every message to and from a peer, with its signature; the replay guard.</summary>
internal sealed class PeerMessageLog(NpgsqlDataSource dataSource, IdentityProtector protector, TimeProvider time)
{
    /// <summary>The purpose the bodies are encrypted under (bound into each ciphertext).</summary>
    public const string BodyPurpose = "peer_message.body";

    /// <summary>Logs a message; false when the sender's message id is logged already (a replay).</summary>
    public async Task<bool> TryAppendAsync(string direction, ParsedJws jws, string signature, ReadOnlyMemory<byte> body,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jws);
        var header = jws.Header;
        await using var command = dataSource.CreateCommand("""
            INSERT INTO peer_message (direction, message_id, sender, receiver, service, sent_at, logged_at, request_hash, signature,
                                      body_cipher, body_sha256)
            VALUES (@direction, @id, @sender, @receiver, @service, @sent, @logged, @hash, @signature, @cipher, @sha)
            """);
        command.Parameters.AddWithValue("direction", direction);
        command.Parameters.AddWithValue("id", header.MessageId);
        command.Parameters.AddWithValue("sender", header.Sender);
        command.Parameters.AddWithValue("receiver", header.Receiver);
        command.Parameters.AddWithValue("service", header.Service);
        command.Parameters.AddWithValue("sent", header.Timestamp.ToUniversalTime());
        command.Parameters.AddWithValue("logged", time.GetUtcNow());
        command.Parameters.AddWithValue("hash", (object?)header.RequestHash ?? DBNull.Value);
        command.Parameters.AddWithValue("signature", signature);
        command.Parameters.AddWithValue("cipher", protector.Encrypt(Convert.ToBase64String(body.Span), BodyPurpose));
        command.Parameters.AddWithValue("sha", SHA256.HashData(body.Span));
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return false;
        }
    }

    /// <summary>Every logged message in order, its body decrypted, for verifying offline.</summary>
    public async IAsyncEnumerable<LoggedMessage> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT seq, direction, message_id, sender, signature, body_cipher, body_sha256 FROM peer_message ORDER BY seq");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var body = Convert.FromBase64String(protector.Decrypt((byte[])reader[5], BodyPurpose));
            yield return new LoggedMessage(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), body, (byte[])reader[6]);
        }
    }
}

/// <summary>One message of the log as stored.</summary>
internal sealed record LoggedMessage(long Seq, string Direction, string MessageId, string Sender, string Signature, byte[] Body, byte[] BodySha256);
