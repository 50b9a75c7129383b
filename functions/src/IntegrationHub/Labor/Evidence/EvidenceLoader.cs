using IntegrationHub.Identity;

namespace IntegrationHub.Labor.Evidence;

/// <summary>
/// Reads what the facts of a set of persons stand on: for each, the latest linked version of every record of the labor
/// feeds linked to the person or to a person merged into them (the same records its golden record is built from).
/// </summary>
public sealed class EvidenceLoader(IdentityProtector protector)
{
    public async Task<Dictionary<long, PersonEvidence>> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyCollection<long> persons, CancellationToken cancellationToken)
    {
        Dictionary<long, (bool MergedAway, JsonObject Golden, byte[]? Cipher)> rows;
        await using (var command = new NpgsqlCommand(
            "SELECT person_id, merged_into IS NOT NULL, golden::text, id_number_cipher FROM person WHERE person_id = ANY(@ids)",
            connection, transaction))
        {
            command.Parameters.AddWithValue("ids", persons.ToArray());
            rows = await command.ReadByIdAsync(reader => (reader.GetBoolean(1), JsonNode.Parse(reader.GetString(2))!.AsObject(),
                reader.IsDBNull(3) ? null : (byte[])reader[3]), cancellationToken);
        }

        var records = persons.ToDictionary(p => p, _ => new List<LaborRecord>());
        var roots = rows.Where(r => !r.Value.MergedAway).Select(r => r.Key).ToArray();
        if (roots.Length > 0)
        {
            await using var command = new NpgsqlCommand("""
                WITH RECURSIVE family AS (
                    SELECT person_id AS root, person_id, 0 AS depth FROM person WHERE person_id = ANY(@roots)
                    UNION ALL
                    SELECT f.root, c.person_id, f.depth + 1 FROM person c JOIN family f ON c.merged_into = f.person_id WHERE f.depth < 64
                ), keys AS (
                    -- A record whose versions went to two members of one family appears once per member; only the member
                    -- holding its latest version keeps it below.
                    SELECT DISTINCT f.root, f.person_id AS member, l.department, l.feed, l.record_id
                    FROM family f JOIN person_link l ON l.person_id = f.person_id
                    WHERE labor_feed(l.department, l.feed)
                )
                SELECT k.root, s.department, s.feed, s.record_id, s.version, s.payload::text, s.received_at
                FROM keys k
                CROSS JOIN LATERAL (
                    SELECT p.version, p.person_id FROM person_link p
                    WHERE p.department = k.department AND p.feed = k.feed AND p.record_id = k.record_id
                    ORDER BY p.version DESC LIMIT 1) c
                CROSS JOIN LATERAL (
                    -- OFFSET 0 keeps this a primary-key lookup per record rather than a hash of every record.
                    SELECT * FROM stored_record s
                    WHERE s.department = k.department AND s.feed = k.feed AND s.record_id = k.record_id AND s.version = c.version
                    OFFSET 0) s
                WHERE c.person_id = k.member
                ORDER BY k.root, s.received_at, s.department, s.feed, s.record_id
                """, connection, transaction);
            command.Parameters.AddWithValue("roots", roots);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (JsonNode.Parse(reader.GetString(5)) is JsonObject payload)
                {
                    records[reader.GetInt64(0)].Add(new LaborRecord(
                        new SourceRef(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4)), payload,
                        reader.GetFieldValue<DateTimeOffset>(6)));
                }
            }
        }

        var evidence = new Dictionary<long, PersonEvidence>();
        foreach (var person in persons)
        {
            if (!rows.TryGetValue(person, out var row))
            {
                continue;
            }

            evidence[person] = new PersonEvidence(person, row.MergedAway, records[person],
                row.MergedAway ? new PersonProfile(null, null, null, null) : Profile(row.Golden, row.Cipher, records[person]));
        }

        return evidence;
    }

    private PersonProfile Profile(JsonObject golden, byte[]? cipher, List<LaborRecord> records)
    {
        var birthDate = LaborRecord.ParseDate(Survivorship.Value(golden, "birthDate"));
        var gender = Survivorship.Value(golden, "gender") is var g && g is PersonProfile.Male or PersonProfile.Female ? g : null;
        if ((birthDate is null || gender is null) && NumberFacts(cipher) is { } fromNumber)
        {
            birthDate ??= fromNumber.BirthDate;
            gender ??= fromNumber.Gender;
        }

        // Public security's latest change says whether the person still lives in a household: not after moving out or dying.
        var latest = records.Where(r => r.Is("ps", "household-registration"))
            .OrderBy(r => r.Date("changeDate") ?? DateOnly.MinValue).ThenBy(r => r.ReceivedAt).LastOrDefault();
        var gone = latest?.Text("changeType") is "move-out" or "death";
        // Only public security's household numbers name households; civil affairs numbers its assistance cases its own way.
        var source = golden["householdNumber"]?["source"] is JsonObject s ? SourceRef.FromJson(s) : null;
        var household = gone || source?.Department != "ps" ? null : Survivorship.Value(golden, "householdNumber");
        return new PersonProfile(birthDate, gender, household, household is null ? null : source);
    }

    /// <summary>Birth date and sex from the person's trusted identity number, when no record gave them. Never logged.</summary>
    private (DateOnly? BirthDate, string Gender)? NumberFacts(byte[]? cipher)
    {
        if (cipher is null)
        {
            return null;
        }

        string number;
        try
        {
            number = protector.Decrypt(cipher, ProtectionPurposes.IdNumber);
        }
        catch (CryptographicException)
        {
            return null;
        }

        if (number.Length != 18 || !char.IsAsciiDigit(number[16]))
        {
            return null;
        }

        var birth = DateOnly.TryParseExact(number.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : (DateOnly?)null;
        return (birth, (number[16] - '0') % 2 == 1 ? PersonProfile.Male : PersonProfile.Female);
    }
}
