using IntegrationHub.Labor.Evidence;

namespace IntegrationHub.Labor.Facts;

/// <summary>The stored facts of persons (<c>labor_fact</c>). Callers hold the persons' row locks.</summary>
internal static class FactStore
{
    public static async Task<Dictionary<long, List<LaborFact>>> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyCollection<long> persons, CancellationToken cancellationToken)
    {
        var facts = persons.Distinct().ToDictionary(p => p, _ => new List<LaborFact>());
        await using var command = new NpgsqlCommand("""
            SELECT person_id, kind, fact_key, open, data::text, detail::text, sources::text FROM labor_fact
            WHERE person_id = ANY(@ids) ORDER BY person_id, kind, fact_key
            """, connection, transaction);
        command.Parameters.AddWithValue("ids", facts.Keys.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            facts[reader.GetInt64(0)].Add(new LaborFact(FactKind.Named(reader.GetString(1)), reader.GetString(2), reader.GetBoolean(3),
                JsonNode.Parse(reader.GetString(4))!.AsObject(), JsonNode.Parse(reader.GetString(5))!.AsObject(),
                SourceRef.ListFromJson(JsonNode.Parse(reader.GetString(6)))));
        }

        return facts;
    }

    public static async Task SaveAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, FactChanges changes, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (changes.Deletes.Count > 0)
        {
            await using var delete = new NpgsqlCommand("""
                DELETE FROM labor_fact f USING unnest(@persons, @kinds, @keys) AS u(person_id, kind, fact_key)
                WHERE f.person_id = u.person_id AND f.kind = u.kind AND f.fact_key = u.fact_key
                """, connection, transaction);
            delete.Parameters.AddWithValue("persons", changes.Deletes.Select(d => d.Person).ToArray());
            delete.Parameters.AddWithValue("kinds", changes.Deletes.Select(d => d.Kind.Name).ToArray());
            delete.Parameters.AddWithValue("keys", changes.Deletes.Select(d => d.Key).ToArray());
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        if (changes.Upserts.Count > 0)
        {
            await using var upsert = new NpgsqlCommand("""
                INSERT INTO labor_fact (person_id, kind, fact_key, open, data, detail, sources, updated_at)
                SELECT u.person_id, u.kind, u.fact_key, u.open, u.data::jsonb, u.detail::jsonb, u.sources::jsonb, @now
                FROM unnest(@persons, @kinds, @keys, @open, @data, @detail, @sources) AS u(person_id, kind, fact_key, open, data, detail, sources)
                ON CONFLICT (person_id, kind, fact_key) DO UPDATE SET open = excluded.open, data = excluded.data, detail = excluded.detail,
                    sources = excluded.sources, updated_at = excluded.updated_at
                """, connection, transaction);
            upsert.Parameters.AddWithValue("now", now);
            upsert.Parameters.AddWithValue("persons", changes.Upserts.Select(u => u.Person).ToArray());
            upsert.Parameters.AddWithValue("kinds", changes.Upserts.Select(u => u.Fact.Kind.Name).ToArray());
            upsert.Parameters.AddWithValue("keys", changes.Upserts.Select(u => u.Fact.Key).ToArray());
            upsert.Parameters.AddWithValue("open", changes.Upserts.Select(u => u.Fact.Open).ToArray());
            upsert.Parameters.AddWithValue("data", changes.Upserts.Select(u => u.Fact.Data.ToJsonString()).ToArray());
            upsert.Parameters.AddWithValue("detail", changes.Upserts.Select(u => u.Fact.Detail.ToJsonString()).ToArray());
            upsert.Parameters.AddWithValue("sources", changes.Upserts.Select(u => SourceRef.ToJson(u.Fact.Sources).ToJsonString()).ToArray());
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
