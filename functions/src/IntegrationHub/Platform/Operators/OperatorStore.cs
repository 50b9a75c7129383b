using static IntegrationHub.Platform.Database.SqlStatements;

namespace IntegrationHub.Platform.Operators;

/// <summary>The console's operator accounts: adding one, and signing in with the lock after repeated wrong passwords.</summary>
/// <remarks>Sessions (resolving a cookie, signing out) are in <c>OperatorStore.Sessions.cs</c>.</remarks>
public sealed partial class OperatorStore(NpgsqlDataSource dataSource, AuditLog audit, TimeProvider time, IOptions<OperatorOptions> options)
{
    private const string Purpose = "console operators";

    // Verified against when the name is unknown, so that an unknown name takes as long as a wrong password.
    private static readonly Lazy<string> Decoy = new(() => PasswordHasher.Hash(PasswordHasher.Generate()));

    public static string ActorOf(string name) => "operator:" + name;

    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    /// <summary>Adds an operator; refuses a malformed name or one already taken.</summary>
    public async Task AddAsync(string name, OperatorRole role, string password, string actor, CancellationToken cancellationToken)
    {
        if (!IsValidName(name))
        {
            throw new OperatorException("operator-name", "An operator name is 2 to 40 characters: a lower-case letter, then lower-case letters, digits, '.', '_' or '-'.");
        }

        if (password.Length < 12)
        {
            throw new OperatorException("password-too-short", "An operator's password has at least 12 characters.");
        }

        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var insert = new NpgsqlCommand("""
            INSERT INTO operator (name, role, password_hash, created_at, updated_at) VALUES (@name, @role, @hash, @now, @now)
            """, connection, transaction);
        insert.Parameters.AddWithValue("name", name);
        insert.Parameters.AddWithValue("role", OperatorRoles.Format(role));
        insert.Parameters.AddWithValue("hash", PasswordHasher.Hash(password));
        insert.Parameters.AddWithValue("now", now);
        try
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new OperatorException("operator-exists", $"There is already an operator named '{name}'.");
        }

        await audit.AppendAsync(connection, transaction, new AuditEntry(actor, "operator.added", Purpose, name,
            JsonSerializer.Serialize(new { role = OperatorRoles.Format(role) })), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Gives an existing operator a new password, unlocks it and ends its sessions; false when there is no such operator.</summary>
    public async Task<bool> ResetPasswordAsync(string name, string password, string actor, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var update = new NpgsqlCommand("""
            UPDATE operator SET password_hash = @hash, failed_attempts = 0, locked_until = NULL, updated_at = @now WHERE name = @name
            """, connection, transaction);
        update.Parameters.AddWithValue("hash", PasswordHasher.Hash(password));
        update.Parameters.AddWithValue("now", time.GetUtcNow());
        update.Parameters.AddWithValue("name", name);
        if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return false;
        }

        await ExecuteAsync(connection, transaction, "DELETE FROM operator_session WHERE operator = @name", cancellationToken, ("name", name));
        await audit.AppendAsync(connection, transaction, new AuditEntry(actor, "operator.password-reset", Purpose, name), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Checks the password and opens a session. The lock is counted in the operator's own row, locked for the check, so
    /// that guesses sent at once are counted one by one.
    /// </summary>
    public async Task<SignInOutcome> SignInAsync(string name, string password, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var settings = options.Value;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var account = IsValidName(name) ? await LockAccountAsync(connection, transaction, name, cancellationToken) : null;
        if (account is null)
        {
            PasswordHasher.Verify(password, Decoy.Value);
            // The name typed is not echoed into the audit: it may be anything, an identity number included.
            await audit.AppendAsync(connection, transaction, new AuditEntry("console", "operator.sign-in-refused", Purpose, null,
                """{"reason":"unknown-operator"}"""), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new SignInOutcome(SignInResult.Wrong, null, null, null);
        }

        var (role, hash, failures, lockedUntil) = account.Value;
        if (lockedUntil is { } until && until > now)
        {
            await AuditAsync(connection, transaction, name, "operator.sign-in-refused", new { reason = "locked", until }, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new SignInOutcome(SignInResult.Locked, null, null, until);
        }

        if (!PasswordHasher.Verify(password, hash))
        {
            var locks = failures + 1 >= settings.LockAfterFailures;
            DateTimeOffset? lockTo = locks ? now.AddMinutes(settings.LockMinutes) : null;
            await ExecuteAsync(connection, transaction, """
                UPDATE operator SET failed_attempts = @failures, locked_until = @until, updated_at = @now WHERE name = @name
                """, cancellationToken, ("failures", locks ? 0 : failures + 1), ("until", (object?)lockTo ?? DBNull.Value), ("now", now),
                ("name", name));
            await AuditAsync(connection, transaction, name, locks ? "operator.locked" : "operator.sign-in-refused",
                new { reason = "wrong-password", failures = failures + 1 }, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return locks ? new SignInOutcome(SignInResult.Locked, null, null, lockTo) : new SignInOutcome(SignInResult.Wrong, null, null, null);
        }

        await ExecuteAsync(connection, transaction,
            "UPDATE operator SET failed_attempts = 0, locked_until = NULL, updated_at = @now WHERE name = @name",
            cancellationToken, ("now", now), ("name", name));
        var (token, session) = await OpenSessionAsync(connection, transaction, name, role, now, cancellationToken);
        await AuditAsync(connection, transaction, name, "operator.signed-in", new { }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SignInOutcome(SignInResult.SignedIn, token, session, null);
    }

    private static async Task<(OperatorRole Role, string Hash, int Failures, DateTimeOffset? LockedUntil)?> LockAccountAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string name, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT role, password_hash, failed_attempts, locked_until FROM operator WHERE name = @name FOR UPDATE", connection, transaction);
        command.Parameters.AddWithValue("name", name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        OperatorRoles.TryParse(reader.GetString(0), out var role);
        return (role, reader.GetString(1), reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3));
    }

    private async Task AuditAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string name, string action, object detail,
        CancellationToken cancellationToken) =>
        await audit.AppendAsync(connection, transaction, new AuditEntry(ActorOf(name), action, Purpose, name, JsonSerializer.Serialize(detail)),
            cancellationToken);

    [GeneratedRegex("^[a-z][a-z0-9._-]{1,39}$")]
    private static partial Regex NamePattern();
}
