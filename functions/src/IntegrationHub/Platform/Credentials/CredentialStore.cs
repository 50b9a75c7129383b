namespace IntegrationHub.Platform.Credentials;

public sealed class CredentialStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>Resolves a bearer token to its principal, or null when the token is unknown or revoked.</summary>
    public async Task<Principal?> AuthenticateAsync(string token, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT name, kind FROM principal WHERE token_hash = @hash AND revoked_at IS NULL");
        command.Parameters.AddWithValue("hash", BearerToken.Hash(token));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new Principal(reader.GetString(0), ParseKind(reader.GetString(1)));
    }

    /// <summary>Stores (or replaces) the token of a principal; only its hash is written.</summary>
    public async Task IssueAsync(string name, PrincipalKind kind, string token, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO principal (name, kind, token_hash, created_at) VALUES (@name, @kind, @hash, @now)
            ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, token_hash = excluded.token_hash,
                created_at = excluded.created_at, revoked_at = NULL
            """);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("kind", FormatKind(kind));
        command.Parameters.AddWithValue("hash", BearerToken.Hash(token));
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static PrincipalKind ParseKind(string kind) => kind switch
    {
        "department" => PrincipalKind.Department,
        "admin" => PrincipalKind.Admin,
        "subscriber" => PrincipalKind.Subscriber,
        _ => throw new InvalidOperationException($"Unknown principal kind '{kind}'."),
    };

    private static string FormatKind(PrincipalKind kind) => kind switch
    {
        PrincipalKind.Department => "department",
        PrincipalKind.Admin => "admin",
        PrincipalKind.Subscriber => "subscriber",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
