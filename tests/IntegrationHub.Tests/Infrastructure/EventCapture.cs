namespace IntegrationHub.Tests.Infrastructure;

/// <summary>
/// When <c>HUB_CAPTURE_EVENTS</c> names a folder, every event the tests caused (each test database's outbox) is written
/// there at the end of the run, one NDJSON file per database; <c>./hub test</c> then validates each event's data
/// against its schema in contracts/events.
/// </summary>
public static class EventCapture
{
    public static async Task SaveAsync(IEnumerable<string> connectionStrings)
    {
        if (Environment.GetEnvironmentVariable("HUB_CAPTURE_EVENTS") is not { Length: > 0 } directory)
        {
            return;
        }

        Directory.CreateDirectory(directory);
        foreach (var connectionString in connectionStrings)
        {
            var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
            var lines = new StringBuilder();
            // Unpooled: a pool per test database would keep one idle connection to each, hundreds in all, past max_connections.
            var unpooled = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
            await using (var connection = new NpgsqlConnection(unpooled))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand("""
                    SELECT json_build_object('type', type, 'subject', subject, 'sequence', sequence, 'data', data)::text
                    FROM event_outbox ORDER BY position
                    """, connection);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    lines.Append(reader.GetString(0)).Append('\n');
                }
            }

            if (lines.Length > 0)
            {
                await File.WriteAllTextAsync(Path.Combine(directory, database + ".ndjson"), lines.ToString());
            }
        }
    }
}
