using IntegrationHub.Labor.Evidence;

namespace IntegrationHub.Labor.Graduates;

/// <summary>Reads destination verifications: a cohort's, in roster record order, or one record's.</summary>
public sealed class GraduateVerifications(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        record_id, version, person_id, cohort, graduation_date, school_code, claimed_destination, claimed_employer, status,
        evidence::text, changed_at
        """;

    public async IAsyncEnumerable<GraduateVerification> ReadCohortAsync(int cohort,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM labor_graduate_verification WHERE cohort = @c ORDER BY record_id");
        command.Parameters.AddWithValue("c", cohort);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return Read(reader);
        }
    }

    public async Task<GraduateVerification?> ReadRecordAsync(string recordId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM labor_graduate_verification WHERE record_id = @r");
        command.Parameters.AddWithValue("r", recordId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static GraduateVerification Read(NpgsqlDataReader reader) =>
        new(reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2), reader.GetInt32(3), reader.GetFieldValue<DateOnly>(4),
            reader.GetString(5), reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetString(8),
            SourceRef.ListFromJson(JsonNode.Parse(reader.GetString(9))), reader.GetFieldValue<DateTimeOffset>(10));
}
