namespace IntegrationHub.Tests.Platform.Database;

/// <summary>A hub upgraded across the migration that formats person ids: the events it had written with bare numbers are
/// rewritten to the P form, and a person's next event goes on from them (same subject, next sequence, an update and
/// not a second creation).</summary>
public sealed class PersonIdMigrationTests
{
    [Fact]
    public async Task MigrateAsync_EventsWrittenWithBareNumbers_AreRewrittenAndTheSequenceGoesOn()
    {
        var formatting = MigrationCatalog.Migrations.Single(m => m.Name == "person_ids_formatted").Version;
        await using var dataSource = NpgsqlDataSource.Create(await TestDatabase.CreateEmptyAsync("pid_upgrade"));
        await ApplyBeforeAsync(dataSource, formatting);
        await ExecuteAsync(dataSource, """
            INSERT INTO person (golden, created_at, updated_at) VALUES ('{"name": {"value": "陈静"}}', now(), now());
            """);
        await ExecuteAsync(dataSource, """
            INSERT INTO person (golden, created_at, updated_at) VALUES ('{"name": {"value": "陈晶"}}', now(), now());
            """);
        await ExecuteAsync(dataSource, "UPDATE person SET merged_into = 2, updated_at = now() WHERE person_id = 1");
        await ExecuteAsync(dataSource, """
            SELECT hub_emit_event('cn.gov.hrss.hub.household.zero-employment.entered.v1', '2', now(),
                '{"personId": "2", "householdNumber": "H-1", "members": ["1", "2"]}', NULL);
            INSERT INTO subscription (name, subscriber, legal_basis, purpose, event_types, type_patterns, fields, identity_numbers,
                destination, created_at, updated_at)
            VALUES ('old', 'old-dept', 'law', 'push', '{cn.gov.hrss.hub.*}', '{cn.gov.hrss.hub.%}', '{/personId}', false,
                '{"kind": "pull"}', now(), now());
            INSERT INTO delivery (subscription_id, position, subject) SELECT 1, position, subject FROM event_outbox;
            """);
        Assert.Equal(["1", "1", "2", "2"], await TextsAsync(dataSource, "SELECT subject FROM event_outbox ORDER BY subject, sequence"));

        await new Migrator(dataSource, TimeProvider.System).MigrateAsync(Token);

        Assert.Equal(
            [
                "P000000001 1 {\"name\": \"陈静\", \"personId\": \"P000000001\"}",
                "P000000001 2 {\"personId\": \"P000000001\", \"mergedInto\": \"P000000002\"}",
                "P000000002 1 {\"name\": \"陈晶\", \"personId\": \"P000000002\"}",
                "P000000002 2 {\"members\": [\"P000000001\", \"P000000002\"], \"personId\": \"P000000002\", \"householdNumber\": \"H-1\"}",
            ],
            await TextsAsync(dataSource, "SELECT subject || ' ' || sequence || ' ' || data::text FROM event_outbox ORDER BY subject, sequence"));
        Assert.Equal(["P000000001 2", "P000000002 2"], await TextsAsync(dataSource, "SELECT subject || ' ' || last FROM event_sequence ORDER BY subject"));
        Assert.Equal(["P000000001", "P000000001", "P000000002", "P000000002"],
            await TextsAsync(dataSource, "SELECT subject FROM delivery ORDER BY subject"));

        await ExecuteAsync(dataSource, """UPDATE person SET golden = '{"name": {"value": "陈静怡"}}', updated_at = now() WHERE person_id = 2""");

        Assert.Equal(["cn.gov.hrss.hub.person.updated.v1 3 P000000002"], await TextsAsync(dataSource,
            "SELECT type || ' ' || sequence || ' ' || (data ->> 'personId') FROM event_outbox WHERE subject = 'P000000002' AND sequence > 2"));
    }

    /// <summary>The migrations before <paramref name="version"/>, applied and recorded as the migrator does.</summary>
    private static async Task ApplyBeforeAsync(NpgsqlDataSource dataSource, int version)
    {
        await ExecuteAsync(dataSource, "CREATE TABLE schema_version (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)");
        foreach (var migration in MigrationCatalog.Migrations.Where(m => m.Version < version))
        {
            await using var connection = await dataSource.OpenConnectionAsync(Token);
            await using var transaction = await connection.BeginTransactionAsync(Token);
            await using (var script = new NpgsqlCommand(migration.Sql, connection, transaction))
            {
                await script.ExecuteNonQueryAsync(Token);
            }

            await using (var record = new NpgsqlCommand("INSERT INTO schema_version VALUES (@v, @n, now())", connection, transaction))
            {
                record.Parameters.AddWithValue("v", migration.Version);
                record.Parameters.AddWithValue("n", migration.Name);
                await record.ExecuteNonQueryAsync(Token);
            }

            await transaction.CommitAsync(Token);
        }
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(Token);
    }

    private static async Task<List<string>> TextsAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync(Token);
        var texts = new List<string>();
        while (await reader.ReadAsync(Token))
        {
            texts.Add(reader.GetString(0));
        }

        return texts;
    }
}
