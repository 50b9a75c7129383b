namespace IntegrationHub.Labor.Published;

/// <summary>Labor's read API for later modules: a person's stored facts, open and closed.</summary>
public sealed class PersonFacts(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<PersonFact>> ReadAsync(long person, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT kind, fact_key, open, data::text, sources::text FROM labor_fact WHERE person_id = @p ORDER BY kind, fact_key
            """);
        command.Parameters.AddWithValue("p", person);
        var facts = new List<PersonFact>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            facts.Add(new PersonFact(reader.GetString(0), reader.GetString(1), reader.GetBoolean(2),
                JsonNode.Parse(reader.GetString(3))!.AsObject(), JsonNode.Parse(reader.GetString(4))!.AsArray()));
        }

        return facts;
    }
}
