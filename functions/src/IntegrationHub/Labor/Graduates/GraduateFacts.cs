using IntegrationHub.Labor.Evidence;

namespace IntegrationHub.Labor.Graduates;

/// <summary>Reads graduate facts: a cohort's (for ledgers, indicators and ratings) or one person's.</summary>
public sealed class GraduateFacts(NpgsqlDataSource dataSource)
{
    private const string Columns = "person_id, fact_key, open, data::text, detail::text, sources::text";

    /// <summary>The open graduate facts an <see cref="OpenGraduates"/> names (parameters from <see cref="AddOpenOnes"/>).</summary>
    private const string OpenOnes = """
        kind = 'graduate' AND (data ->> 'cohort')::int = @cohort AND open AND data ->> 'status' = @status
          AND (@school::text IS NULL OR data ->> 'schoolCode' = @school)
          AND (@regions::text[] IS NULL OR data ->> 'hukouRegion' = ANY(@regions))
        """;

    /// <summary>Every graduate fact of the cohort (graduation year), open or closed, in person order.</summary>
    public async IAsyncEnumerable<GraduateFact> ReadCohortAsync(int cohort, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM labor_fact WHERE kind = 'graduate' AND (data ->> 'cohort')::int = @cohort ORDER BY person_id, fact_key
            """);
        command.Parameters.AddWithValue("cohort", cohort);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return Read(reader);
        }
    }

    /// <summary>At most <paramref name="limit"/> of the open graduate facts <paramref name="which"/> names, in person order: the
    /// first, those after <paramref name="from"/>, or (<paramref name="backwards"/>) the last before it.</summary>
    /// <remarks>A keyset on the cohort index's order, so a page costs its own rows whatever precedes it.</remarks>
    public async Task<IReadOnlyList<GraduateFact>> ReadOpenPageAsync(OpenGraduates which, GraduateKey? from, bool backwards, int limit,
        CancellationToken cancellationToken)
    {
        var (beyond, order) = backwards ? ("<", "DESC") : (">", "ASC");
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM labor_fact
            WHERE {OpenOnes} AND (@person::bigint IS NULL OR (person_id, fact_key) {beyond} (@person, @key))
            ORDER BY person_id {order}, fact_key {order}
            LIMIT @limit
            """);
        AddOpenOnes(command, which, from);
        command.Parameters.AddWithValue("limit", limit);
        var facts = await command.ReadRowsAsync(Read, cancellationToken);
        if (backwards)
        {
            facts.Reverse();
        }

        return facts;
    }

    /// <summary>How many open graduate facts <paramref name="which"/> names there are per hukou region, and how many of them come
    /// before <paramref name="before"/> in person order (none without it); no personal data is read.</summary>
    public async Task<IReadOnlyList<GraduateRegionCount>> CountOpenByRegionAsync(OpenGraduates which, GraduateKey? before,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT data ->> 'hukouRegion', count(*),
                   count(*) FILTER (WHERE @person::bigint IS NOT NULL AND (person_id, fact_key) < (@person, @key))
            FROM labor_fact
            WHERE {OpenOnes}
            GROUP BY 1
            """);
        AddOpenOnes(command, which, before);
        return await command.ReadRowsAsync(r => new GraduateRegionCount(r.IsDBNull(0) ? null : r.GetString(0), r.GetInt64(1), r.GetInt64(2)),
            cancellationToken);
    }

    /// <summary>The person's graduate facts (a merged-away person has none: they went to the survivor).</summary>
    public async Task<IReadOnlyList<GraduateFact>> ReadPersonAsync(long personId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM labor_fact WHERE kind = 'graduate' AND person_id = @p ORDER BY fact_key");
        command.Parameters.AddWithValue("p", personId);
        return await command.ReadRowsAsync(Read, cancellationToken);
    }

    private static void AddOpenOnes(NpgsqlCommand command, OpenGraduates which, GraduateKey? key)
    {
        command.Parameters.AddWithValue("cohort", which.Cohort);
        command.Parameters.AddWithValue("status", which.Status);
        command.Parameters.AddWithValue("school", NpgsqlTypes.NpgsqlDbType.Text, (object?)which.SchoolCode ?? DBNull.Value);
        command.Parameters.AddWithValue("regions", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text,
            (object?)which.HukouRegions?.ToArray() ?? DBNull.Value);
        command.Parameters.AddWithValue("person", NpgsqlTypes.NpgsqlDbType.Bigint, (object?)key?.PersonId ?? DBNull.Value);
        command.Parameters.AddWithValue("key", NpgsqlTypes.NpgsqlDbType.Text, (object?)key?.FactKey ?? DBNull.Value);
    }

    private static GraduateFact Read(NpgsqlDataReader reader)
    {
        var data = JsonNode.Parse(reader.GetString(3))!.AsObject();
        var detail = JsonNode.Parse(reader.GetString(4))!.AsObject();
        return new GraduateFact(reader.GetInt64(0), reader.GetString(1), reader.GetBoolean(2), data["cohort"]!.GetValue<int>(),
            LaborRecord.ParseDate(Text(data, "graduationDate"))!.Value, Text(data, "educationLevel") ?? "", Text(data, "schoolCode"),
            Text(data, "schoolName"), Text(data, "majorCode"), Text(data, "majorName"), Text(data, "status") ?? "",
            LaborRecord.ParseDate(Text(data, "placedOn")), Text(data, "placementForm"), Text(data, "employerCreditCode"),
            Text(data, "hukouRegion"), data["hardshipFamily"]?.GetValue<bool>() ?? false, data["disabled"]?.GetValue<bool>() ?? false,
            LaborRecord.ParseDate(Text(data, "ledgerSince")), Text(data, "claimedDestination"), Text(data, "rosterRecordId"),
            Text(detail, "name"), Text(detail, "phone"), SourceRef.ListFromJson(JsonNode.Parse(reader.GetString(5))));
    }

    private static string? Text(JsonObject data, string field) => data[field]?.GetValue<string>();
}
