namespace IntegrationHub.Identity.Published;

/// <summary>Identity's read API for later modules: a person by identity number, and a person's golden record.</summary>
/// <remarks>
/// The number is looked up only by its blind index, and a merged-away person leads to the person who now holds the number
/// (the same way linking follows <c>merged_into</c>), so a caller always gets the surviving person.
/// </remarks>
public sealed class PersonDirectory(NpgsqlDataSource dataSource, IdentityProtector protector)
{
    /// <summary>The surviving person holding <paramref name="idNumber"/> (upper-cased, trimmed), or null when none does.</summary>
    public async Task<long?> FindByIdNumberAsync(string idNumber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(idNumber);
        await using var command = dataSource.CreateCommand("""
            WITH RECURSIVE chain AS (
                SELECT person_id, merged_into, 0 AS depth FROM person WHERE id_number_index = @index
                UNION ALL
                SELECT p.person_id, p.merged_into, c.depth + 1 FROM person p JOIN chain c ON p.person_id = c.merged_into
                WHERE c.depth < 64
            )
            SELECT person_id FROM chain WHERE merged_into IS NULL LIMIT 1
            """);
        command.Parameters.AddWithValue("index", protector.BlindIndex(idNumber.Trim().ToUpperInvariant()));
        return await command.ExecuteScalarAsync(cancellationToken) is long person ? person : null;
    }

    /// <summary>The surviving person a source record version is linked to, or null while it is not linked (yet).</summary>
    public async Task<long?> FindByRecordAsync(string department, string feed, string recordId, int version, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            WITH RECURSIVE chain AS (
                SELECT p.person_id, p.merged_into, 0 AS depth FROM person_link l JOIN person p USING (person_id)
                WHERE l.department = @department AND l.feed = @feed AND l.record_id = @record AND l.version = @version
                UNION ALL
                SELECT p.person_id, p.merged_into, c.depth + 1 FROM person p JOIN chain c ON p.person_id = c.merged_into
                WHERE c.depth < 64
            )
            SELECT person_id FROM chain WHERE merged_into IS NULL LIMIT 1
            """);
        command.Parameters.AddWithValue("department", department);
        command.Parameters.AddWithValue("feed", feed);
        command.Parameters.AddWithValue("record", recordId);
        command.Parameters.AddWithValue("version", version);
        return await command.ExecuteScalarAsync(cancellationToken) is long person ? person : null;
    }

    /// <summary>The person's golden record (each attribute with the record it came from), or null for an unknown person.</summary>
    public async Task<JsonObject?> ReadGoldenAsync(long person, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT golden::text FROM person WHERE person_id = @p");
        command.Parameters.AddWithValue("p", person);
        return await command.ExecuteScalarAsync(cancellationToken) is string golden ? JsonNode.Parse(golden)!.AsObject() : null;
    }

    /// <summary>The lineage of a person: every source record linked to the person (or to persons merged into it), latest
    /// version of each, as references (department, feed, recordId, version), never the records themselves.</summary>
    public async Task<JsonArray> ReadLineageAsync(long person, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            WITH RECURSIVE family AS (
                SELECT person_id FROM person WHERE person_id = @p
                UNION ALL
                SELECT c.person_id FROM person c JOIN family f ON c.merged_into = f.person_id
            )
            SELECT l.department, l.feed, l.record_id, max(l.version) FROM person_link l JOIN family f USING (person_id)
            GROUP BY l.department, l.feed, l.record_id ORDER BY 1, 2, 3
            """);
        command.Parameters.AddWithValue("p", person);
        var lineage = new JsonArray();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            lineage.Add(new JsonObject
            {
                ["department"] = reader.GetString(0), ["feed"] = reader.GetString(1), ["recordId"] = reader.GetString(2),
                ["version"] = reader.GetInt32(3),
            });
        }

        return lineage;
    }

    /// <summary>The person's identity number, decrypted, for a caller entitled to send it (a signed transfer package);
    /// null when the person has none.</summary>
    public async Task<string?> ReadIdNumberAsync(long person, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT id_number_cipher FROM person WHERE person_id = @p");
        command.Parameters.AddWithValue("p", person);
        return await command.ExecuteScalarAsync(cancellationToken) is byte[] cipher ? protector.Decrypt(cipher, ProtectionPurposes.IdNumber) : null;
    }

    /// <summary>Whether the person exists and is not merged into another.</summary>
    public async Task<bool> ExistsAsync(long person, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT 1 FROM person WHERE person_id = @p AND merged_into IS NULL");
        command.Parameters.AddWithValue("p", person);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }
}
