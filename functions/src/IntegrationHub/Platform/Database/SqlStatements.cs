namespace IntegrationHub.Platform.Database;

/// <summary>Runs one statement with named parameters in the caller's transaction.</summary>
public static class SqlStatements
{
    /// <summary>Executes <paramref name="sql"/> with each of <paramref name="parameters"/> bound by name.</summary>
    public static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql,
        CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
