using IntegrationHub.Labor.Evidence;

namespace IntegrationHub.Labor.Graduates;

/// <summary>
/// Reads the follow-up contacts (<c>hr/graduate-follow-up</c>) of persons: the current version of every contact record linked
/// to the person or to a person merged into them, in date order. A contact with a person on no roster is kept and readable
/// like any other; the graduate flow counts only those of its ledger.
/// </summary>
public sealed class GraduateFollowUps(NpgsqlDataSource dataSource)
{
    public async Task<Dictionary<long, List<FollowUpContact>>> ReadAsync(IReadOnlyCollection<long> persons, CancellationToken cancellationToken)
    {
        var contacts = persons.Distinct().ToDictionary(p => p, _ => new List<FollowUpContact>());
        if (contacts.Count == 0)
        {
            return contacts;
        }

        await using var command = dataSource.CreateCommand("""
            WITH RECURSIVE family AS (
                SELECT person_id AS root, person_id, 0 AS depth FROM person WHERE person_id = ANY(@roots)
                UNION ALL
                SELECT f.root, c.person_id, f.depth + 1 FROM person c JOIN family f ON c.merged_into = f.person_id WHERE f.depth < 64
            ), keys AS (
                SELECT DISTINCT f.root, f.person_id AS member, l.record_id
                FROM family f JOIN person_link l ON l.person_id = f.person_id
                WHERE l.department = 'hr' AND l.feed = 'graduate-follow-up'
            )
            SELECT k.root, s.record_id, s.version, s.payload::text
            FROM keys k
            CROSS JOIN LATERAL (
                SELECT p.version, p.person_id FROM person_link p
                WHERE p.department = 'hr' AND p.feed = 'graduate-follow-up' AND p.record_id = k.record_id
                ORDER BY p.version DESC LIMIT 1) c
            CROSS JOIN LATERAL (
                SELECT * FROM stored_record s
                WHERE s.department = 'hr' AND s.feed = 'graduate-follow-up' AND s.record_id = k.record_id AND s.version = c.version
                OFFSET 0) s
            WHERE c.person_id = k.member
            """);
        command.Parameters.AddWithValue("roots", contacts.Keys.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (JsonNode.Parse(reader.GetString(3)) is JsonObject payload
                && new LaborRecord(new SourceRef("hr", "graduate-follow-up", reader.GetString(1), reader.GetInt32(2)), payload, default) is var record
                && record.Date("contactDate") is { } date)
            {
                contacts[reader.GetInt64(0)].Add(new FollowUpContact(record.Source.RecordId, record.Source.Version, date,
                    record.Text("channel") ?? "", record.Text("outcome") ?? "",
                    payload["services"] is JsonArray services ? [.. services.Select(s => s?.GetValue<string>()).OfType<string>()] : [],
                    record.Text("intention"), record.Text("servingRegion")));
            }
        }

        foreach (var list in contacts.Values)
        {
            list.Sort((a, b) => a.ContactDate != b.ContactDate ? a.ContactDate.CompareTo(b.ContactDate) : string.CompareOrdinal(a.RecordId, b.RecordId));
        }

        return contacts;
    }
}
