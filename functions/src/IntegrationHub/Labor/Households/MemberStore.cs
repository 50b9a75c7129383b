using IntegrationHub.Labor.Evidence;

namespace IntegrationHub.Labor.Households;

/// <summary><c>labor_person</c>: persons as household members, and when each is due for re-evaluation.</summary>
internal static class MemberStore
{
    public static async Task<Dictionary<long, MemberStatus>> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        string condition, Action<NpgsqlParameterCollection> parameters, CancellationToken cancellationToken)
    {
        var members = new Dictionary<long, MemberStatus>();
        await using var command = new NpgsqlCommand($"""
            SELECT person_id, household_number, birth_date, gender, working_age_hint, employed, in_study, sources::text
            FROM labor_person WHERE {condition}
            """, connection, transaction);
        parameters(command.Parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            members[reader.GetInt64(0)] = new MemberStatus(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetFieldValue<DateOnly>(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetBoolean(4), reader.GetBoolean(5), reader.GetBoolean(6),
                SourceRef.ListFromJson(JsonNode.Parse(reader.GetString(7))));
        }

        return members;
    }

    public static async Task SaveAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<(MemberStatus Member, DateTimeOffset? ReevaluateAt)> members, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (members.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand("""
            INSERT INTO labor_person (person_id, household_number, birth_date, gender, working_age_hint, employed, in_study, sources,
                reevaluate_at, updated_at)
            SELECT u.person_id, u.household_number, u.birth_date, u.gender, u.hint, u.employed, u.in_study, u.sources::jsonb, u.due, @now
            FROM unnest(@ids, @households, @births, @genders, @hints, @employed, @study, @sources, @due)
                AS u(person_id, household_number, birth_date, gender, hint, employed, in_study, sources, due)
            ON CONFLICT (person_id) DO UPDATE SET household_number = excluded.household_number, birth_date = excluded.birth_date,
                gender = excluded.gender, working_age_hint = excluded.working_age_hint, employed = excluded.employed,
                in_study = excluded.in_study, sources = excluded.sources, reevaluate_at = excluded.reevaluate_at,
                updated_at = excluded.updated_at
            """, connection, transaction);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("ids", members.Select(m => m.Member.PersonId).ToArray());
        command.Parameters.AddWithValue("households", members.Select(m => m.Member.HouseholdNumber).ToArray());
        command.Parameters.AddWithValue("births", members.Select(m => m.Member.BirthDate).ToArray());
        command.Parameters.AddWithValue("genders", members.Select(m => m.Member.Gender).ToArray());
        command.Parameters.AddWithValue("hints", members.Select(m => m.Member.WorkingAgeHint).ToArray());
        command.Parameters.AddWithValue("employed", members.Select(m => m.Member.Employed).ToArray());
        command.Parameters.AddWithValue("study", members.Select(m => m.Member.InStudy).ToArray());
        command.Parameters.AddWithValue("sources", members.Select(m => SourceRef.ToJson(m.Member.Sources).ToJsonString()).ToArray());
        command.Parameters.AddWithValue("due", members.Select(m => m.ReevaluateAt?.ToUniversalTime()).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Marks households for the household pass, sorted so that concurrent markers lock in one order.</summary>
    public static async Task MarkHouseholdsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<string> households,
        CancellationToken cancellationToken)
    {
        var sorted = households.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (sorted.Length == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand("""
            INSERT INTO labor_household_dirty AS d (household_number, mark)
            SELECT h, pg_current_xact_id() FROM unnest(@h) WITH ORDINALITY AS u(h, n) ORDER BY u.n
            ON CONFLICT (household_number) DO UPDATE SET mark = excluded.mark
            """, connection, transaction);
        command.Parameters.AddWithValue("h", sorted);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
