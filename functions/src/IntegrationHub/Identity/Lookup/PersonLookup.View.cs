using IntegrationHub.Identity.Review;

namespace IntegrationHub.Identity.Lookup;

// The person page: the person row, its family (persons merged into it), their current links, history and review items.
public sealed partial class PersonLookup
{
    private static readonly string[] HistoryActions = ["person.merge", "person.unmerge", "person.split"];

    /// <summary>The person's page in the caller's transaction, unaudited (the caller audits); null when there is no such person.</summary>
    public async Task<PersonView?> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long person, PersonReader reader,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        string? mergedInto;
        JsonObject golden;
        (string? Number, bool Masked) number;
        DateTimeOffset created, updated;
        await using (var command = new NpgsqlCommand(
            "SELECT merged_into, golden::text, id_number_cipher, created_at, updated_at FROM person WHERE person_id = @p", connection, transaction))
        {
            command.Parameters.AddWithValue("p", person);
            await using var row = await command.ExecuteReaderAsync(cancellationToken);
            if (!await row.ReadAsync(cancellationToken))
            {
                return null;
            }

            mergedInto = row.IsDBNull(0) ? null : PersonId.Format(row.GetInt64(0));
            golden = JsonNode.Parse(row.GetString(1))!.AsObject();
            number = Shown(row.IsDBNull(2) ? null : (byte[])row[2], reader);
            created = row.GetFieldValue<DateTimeOffset>(3);
            updated = row.GetFieldValue<DateTimeOffset>(4);
        }

        var family = await FamilyAsync(connection, transaction, person, cancellationToken);
        return new PersonView(PersonId.Format(person), mergedInto, number.Number, number.Masked, created, updated,
            mergedInto is null ? Attributes(golden) : new SortedDictionary<string, GoldenAttribute>(StringComparer.Ordinal),
            await LinkedRecordsAsync(connection, transaction, family, cancellationToken),
            History(await AuditHistory.NamingAsync(connection, transaction, HistoryActions, family.Select(PersonId.Format).ToList(),
                ["into", "from"], cancellationToken)),
            await ReviewsAsync(connection, transaction, family, cancellationToken));
    }

    private static SortedDictionary<string, GoldenAttribute> Attributes(JsonObject golden)
    {
        var attributes = new SortedDictionary<string, GoldenAttribute>(StringComparer.Ordinal);
        foreach (var (name, node) in golden)
        {
            if (node is not JsonObject { } entry || entry["source"] is not JsonObject source)
            {
                continue;
            }

            attributes[name] = new GoldenAttribute(entry["value"]?.DeepClone(), new RecordVersion(source["department"]!.GetValue<string>(),
                    source["feed"]!.GetValue<string>(), source["recordId"]!.GetValue<string>(), source["version"]!.GetValue<int>()),
                entry["rank"]?.GetValue<int>() == 1 ? GoldenRules.Authority : GoldenRules.FillsGap);
        }

        return attributes;
    }

    /// <summary>The person and every person merged into it, directly or through others.</summary>
    private static async Task<List<long>> FamilyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long person,
        CancellationToken cancellationToken)
    {
        var family = new List<long>();
        await using var command = new NpgsqlCommand("""
            WITH RECURSIVE family AS (
                SELECT person_id, 0 AS depth FROM person WHERE person_id = @p
                UNION ALL
                SELECT c.person_id, f.depth + 1 FROM person c JOIN family f ON c.merged_into = f.person_id WHERE f.depth < 64
            )
            SELECT person_id FROM family ORDER BY depth, person_id
            """, connection, transaction);
        command.Parameters.AddWithValue("p", person);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            family.Add(reader.GetInt64(0));
        }

        return family;
    }

    /// <summary>The family's records whose latest linked version is linked into the family.</summary>
    private static async Task<List<LinkedRecord>> LinkedRecordsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        List<long> family, CancellationToken cancellationToken)
    {
        var records = new List<LinkedRecord>();
        await using var command = new NpgsqlCommand("""
            SELECT c.department, c.feed, c.record_id, c.version, c.rule, c.score, c.linked_at, c.person_id
            FROM (SELECT DISTINCT department, feed, record_id FROM person_link WHERE person_id = ANY(@family)) k
            CROSS JOIN LATERAL (
                SELECT * FROM person_link l WHERE l.department = k.department AND l.feed = k.feed AND l.record_id = k.record_id
                ORDER BY l.version DESC LIMIT 1) c
            WHERE c.person_id = ANY(@family)
            ORDER BY c.linked_at, c.department, c.feed, c.record_id
            """, connection, transaction);
        command.Parameters.AddWithValue("family", family.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new LinkedRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4),
                reader.GetDouble(5), reader.GetFieldValue<DateTimeOffset>(6), PersonId.Format(reader.GetInt64(7))));
        }

        return records;
    }

    private static List<PersonHistoryEntry> History(IReadOnlyList<AuditRecord> entries) =>
        [.. entries.Where(e => e.Subject is not null).Select(e =>
        {
            var detail = JsonNode.Parse(e.DetailJson) as JsonObject ?? [];
            var action = e.Action["person.".Length..];
            var other = (action == "unmerge" ? detail["from"] : detail["into"])?.GetValue<string>() ?? "";
            var records = detail["records"] is JsonArray named
                ? named.Select(r => new RecordKey(r!["department"]!.GetValue<string>(), r["feed"]!.GetValue<string>(),
                    r["recordId"]!.GetValue<string>())).ToList()
                : null;
            return new PersonHistoryEntry(e.At, action, e.Actor, e.Subject!, other, detail["rule"]?.GetValue<string>(),
                detail["score"]?.GetValue<double>(), records);
        })];

    private static async Task<List<PersonReviewItem>> ReviewsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        List<long> family, CancellationToken cancellationToken)
    {
        var items = new List<PersonReviewItem>();
        await using var command = new NpgsqlCommand("""
            SELECT review_id, department, feed, record_id, version, person_id, reason, score, created_at, decision, decided_at
            FROM review_item WHERE person_id = ANY(@family) ORDER BY created_at, review_id
            """, connection, transaction);
        command.Parameters.AddWithValue("family", family.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new PersonReviewItem(reader.GetInt64(0), new RecordVersion(reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    reader.GetInt32(4)), PersonId.Format(reader.GetInt64(5)), reader.GetString(6), reader.GetDouble(7),
                reader.GetFieldValue<DateTimeOffset>(8), reader.IsDBNull(9) ? null : reader.GetString(9),
                reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10)));
        }

        return items;
    }
}
