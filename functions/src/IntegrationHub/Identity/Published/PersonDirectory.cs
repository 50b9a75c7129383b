using System.Text.Json.Nodes;
using IntegrationHub.Platform.Protection;
using Npgsql;

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

    /// <summary>The person's golden record (each attribute with the record it came from), or null for an unknown person.</summary>
    public async Task<JsonObject?> ReadGoldenAsync(long person, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT golden::text FROM person WHERE person_id = @p");
        command.Parameters.AddWithValue("p", person);
        return await command.ExecuteScalarAsync(cancellationToken) is string golden ? JsonNode.Parse(golden)!.AsObject() : null;
    }
}
