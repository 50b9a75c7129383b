using IntegrationHub.Labor.Evidence;

namespace IntegrationHub.Labor.Graduates;

/// <summary>The destination verifications of a set of persons, read in the caller's transaction (the flows compare them
/// with what else they read there).</summary>
public static class PersonVerifications
{
    public static async Task<Dictionary<long, List<GraduateVerification>>> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyCollection<long> persons, CancellationToken cancellationToken)
    {
        var found = new Dictionary<long, List<GraduateVerification>>();
        await using var command = new NpgsqlCommand("""
            SELECT record_id, version, person_id, cohort, graduation_date, school_code, claimed_destination, claimed_employer, status,
                   evidence::text, changed_at
            FROM labor_graduate_verification WHERE person_id = ANY(@ids) ORDER BY person_id, record_id
            """, connection, transaction);
        command.Parameters.AddWithValue("ids", persons.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var verification = new GraduateVerification(reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2), reader.GetInt32(3),
                reader.GetFieldValue<DateOnly>(4), reader.GetString(5), reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.GetString(8), SourceRef.ListFromJson(JsonNode.Parse(reader.GetString(9))), reader.GetFieldValue<DateTimeOffset>(10));
            if (!found.TryGetValue(verification.PersonId, out var list))
            {
                found[verification.PersonId] = list = [];
            }

            list.Add(verification);
        }

        return found;
    }
}
