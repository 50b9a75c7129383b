using IntegrationHub.Identity;
using IntegrationHub.Labor.Evidence;

namespace IntegrationHub.Labor.Graduates;

/// <summary>
/// Writes the verifications of the roster records a chunk of persons holds (<c>labor_graduate_verification</c>), and the
/// <c>graduate.verification-changed</c> events of those whose status changed. A row moves with its record: the person
/// holding the record now rewrites it, so a merge or split needs no delete and announces nothing when the status stays.
/// </summary>
internal static class VerificationStore
{
    public static async Task SaveAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<VerificationRow> rows,
        DateTimeOffset now, List<EventDraft> events, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var stored = new Dictionary<string, VerificationRow>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand("""
            SELECT record_id, version, person_id, cohort, graduation_date, school_code, claimed_destination, claimed_employer, status,
                   evidence::text
            FROM labor_graduate_verification WHERE record_id = ANY(@ids) FOR UPDATE
            """, connection, transaction))
        {
            command.Parameters.AddWithValue("ids", rows.Select(r => r.RecordId).ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                stored[reader.GetString(0)] = new VerificationRow(reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2), reader.GetInt32(3),
                    reader.GetFieldValue<DateOnly>(4), reader.GetString(5), reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7),
                    reader.GetString(8), SourceRef.ListFromJson(JsonNode.Parse(reader.GetString(9))));
            }
        }

        var changed = new List<VerificationRow>();
        foreach (var row in rows)
        {
            var old = stored.GetValueOrDefault(row.RecordId);
            if (old is not null && row.SameAs(old))
            {
                continue;
            }

            if (old?.Status != row.Status)
            {
                events.Add(GraduateEvents.VerificationChanged(PersonId.Format(row.PersonId), row, old?.Status, now));
            }

            changed.Add(row);
        }

        if (changed.Count == 0)
        {
            return;
        }

        await using var upsert = new NpgsqlCommand("""
            INSERT INTO labor_graduate_verification AS v (record_id, version, person_id, cohort, graduation_date, school_code,
                claimed_destination, claimed_employer, status, evidence, changed_at, updated_at)
            SELECT u.record_id, u.version, u.person_id, u.cohort, u.graduation_date, u.school_code, u.claimed_destination,
                   u.claimed_employer, u.status, u.evidence::jsonb, @now, @now
            FROM unnest(@ids, @versions, @persons, @cohorts, @dates, @schools, @claims, @employers, @statuses, @evidence)
                AS u(record_id, version, person_id, cohort, graduation_date, school_code, claimed_destination, claimed_employer, status,
                     evidence)
            ON CONFLICT (record_id) DO UPDATE SET version = excluded.version, person_id = excluded.person_id, cohort = excluded.cohort,
                graduation_date = excluded.graduation_date, school_code = excluded.school_code,
                claimed_destination = excluded.claimed_destination, claimed_employer = excluded.claimed_employer,
                status = excluded.status, evidence = excluded.evidence, updated_at = excluded.updated_at,
                changed_at = CASE WHEN v.status = excluded.status THEN v.changed_at ELSE excluded.changed_at END
            """, connection, transaction);
        upsert.Parameters.AddWithValue("now", now);
        upsert.Parameters.AddWithValue("ids", changed.Select(c => c.RecordId).ToArray());
        upsert.Parameters.AddWithValue("versions", changed.Select(c => c.Version).ToArray());
        upsert.Parameters.AddWithValue("persons", changed.Select(c => c.PersonId).ToArray());
        upsert.Parameters.AddWithValue("cohorts", changed.Select(c => c.Cohort).ToArray());
        upsert.Parameters.AddWithValue("dates", changed.Select(c => c.GraduationDate).ToArray());
        upsert.Parameters.AddWithValue("schools", changed.Select(c => c.SchoolCode).ToArray());
        upsert.Parameters.AddWithValue("claims", changed.Select(c => c.ClaimedDestination).ToArray());
        upsert.Parameters.AddWithValue("employers", changed.Select(c => c.ClaimedEmployer).ToArray());
        upsert.Parameters.AddWithValue("statuses", changed.Select(c => c.Status).ToArray());
        upsert.Parameters.AddWithValue("evidence", changed.Select(c => SourceRef.ToJson(c.Evidence).ToJsonString()).ToArray());
        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }
}
