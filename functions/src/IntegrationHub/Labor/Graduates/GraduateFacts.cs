using IntegrationHub.Labor.Evidence;

namespace IntegrationHub.Labor.Graduates;

/// <summary>Reads graduate facts: a cohort's (for ledgers, indicators and ratings) or one person's.</summary>
public sealed class GraduateFacts(NpgsqlDataSource dataSource)
{
    private const string Columns = "person_id, fact_key, open, data::text, detail::text, sources::text";

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

    /// <summary>The person's graduate facts (a merged-away person has none: they went to the survivor).</summary>
    public async Task<IReadOnlyList<GraduateFact>> ReadPersonAsync(long personId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM labor_fact WHERE kind = 'graduate' AND person_id = @p ORDER BY fact_key");
        command.Parameters.AddWithValue("p", personId);
        return await command.ReadRowsAsync(Read, cancellationToken);
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
