namespace IntegrationHub.Identity.Lookup;

/// <summary>
/// The link queries: links filtered by person, rule and score, a page at a time in record order, and the explanation of one
/// link (<c>LinkQuery.Explain.cs</c>). Both are audited with the reader and the purpose.
/// </summary>
public sealed partial class LinkQuery(
    NpgsqlDataSource dataSource,
    AuditLog audit,
    IdentityProtector protector,
    FeatureExtractor features,
    IOptions<MatchingOptions> options)
{
    public const int MaxLimit = 1000;

    /// <exception cref="LookupRefusedException">InvalidInput: an unknown rule, a bad score range, limit or cursor. NotFound: the
    /// filter's person does not exist.</exception>
    public async Task<LinkPage> QueryAsync(LinkFilter filter, string? after, int limit, PersonReader reader, string purpose,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(reader);
        Check(filter, limit);
        var from = after is null ? null : Cursor.Parse(after);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        if (filter.Person is { } person && !await PersonLookup.ExistsAsync(connection, transaction, person, cancellationToken))
        {
            throw LookupRefusedException.UnknownPerson(person);
        }

        await using var command = new NpgsqlCommand($"""
            WITH RECURSIVE family AS (
                SELECT person_id, 0 AS depth FROM person WHERE person_id = @person
                UNION ALL
                SELECT c.person_id, f.depth + 1 FROM person c JOIN family f ON c.merged_into = f.person_id WHERE f.depth < 64
            )
            SELECT {LinkColumns} FROM person_link l
            WHERE (@person::bigint IS NULL OR l.person_id IN (SELECT person_id FROM family))
              AND (@rule::text IS NULL OR l.rule = @rule)
              AND (@min::float8 IS NULL OR l.score >= @min) AND (@max::float8 IS NULL OR l.score <= @max)
              AND (@d::text IS NULL OR (l.department, l.feed, l.record_id, l.version) > (@d, @f, @r, @v))
            ORDER BY l.department, l.feed, l.record_id, l.version
            LIMIT @limit
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter("person", NpgsqlTypes.NpgsqlDbType.Bigint) { Value = (object?)filter.Person ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("rule", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)filter.Rule ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("min", NpgsqlTypes.NpgsqlDbType.Double) { Value = (object?)filter.MinScore ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("max", NpgsqlTypes.NpgsqlDbType.Double) { Value = (object?)filter.MaxScore ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("d", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)from?.Department ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("f", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)from?.Feed ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("r", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)from?.RecordId ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("v", NpgsqlTypes.NpgsqlDbType.Integer) { Value = (object?)from?.Version ?? DBNull.Value });
        command.Parameters.AddWithValue("limit", limit + 1);
        var links = await ReadLinksAsync(command, cancellationToken);
        var more = links.Count > limit;
        var page = links.Take(limit).ToList();
        await audit.AppendAsync(connection, transaction, new AuditEntry(reader.Name, "links.read", purpose,
            filter.Person is { } p ? PersonId.Format(p) : null, JsonSerializer.Serialize(new
            {
                rule = filter.Rule, minScore = filter.MinScore, maxScore = filter.MaxScore, links = page.Count,
            })), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new LinkPage(page, more ? Cursor.Of(page[^1]) : null);
    }

    /// <summary>The columns <see cref="ReadLinksAsync"/> reads, of <c>person_link l</c>: the link, its person's survivor and whether
    /// it is the record's latest linked version.</summary>
    private const string LinkColumns = """
        l.department, l.feed, l.record_id, l.version, l.person_id, l.rule, l.score, l.linked_at,
        (WITH RECURSIVE chain AS (
             SELECT person_id, merged_into, 0 AS depth FROM person WHERE person_id = l.person_id
             UNION ALL
             SELECT p.person_id, p.merged_into, c.depth + 1 FROM chain c JOIN person p ON p.person_id = c.merged_into WHERE c.depth < 64)
         SELECT person_id FROM chain WHERE merged_into IS NULL LIMIT 1),
        NOT EXISTS (SELECT 1 FROM person_link later WHERE later.department = l.department AND later.feed = l.feed
                    AND later.record_id = l.record_id AND later.version > l.version)
        """;

    private static Task<List<LinkRow>> ReadLinksAsync(NpgsqlCommand command, CancellationToken cancellationToken) =>
        command.ReadRowsAsync(Row, cancellationToken);

    /// <summary>The link in the first columns of a row read with <see cref="LinkColumns"/>.</summary>
    private static LinkRow Row(NpgsqlDataReader reader)
    {
        var linked = reader.GetInt64(4);
        return new LinkRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), PersonId.Format(linked),
            PersonId.Format(reader.IsDBNull(8) ? linked : reader.GetInt64(8)), reader.GetString(5), reader.GetDouble(6),
            reader.GetFieldValue<DateTimeOffset>(7), reader.GetBoolean(9));
    }

    private static void Check(LinkFilter filter, int limit)
    {
        if (filter.Rule is { } rule && LinkRule.Of(rule) is null)
        {
            throw LookupRefusedException.Invalid("/rule", "enum", $"rule is one of {string.Join(", ", LinkRule.All.Select(r => r.Word))}.");
        }

        foreach (var (score, name) in new[] { (filter.MinScore, "minScore"), (filter.MaxScore, "maxScore") })
        {
            if (score is { } value && !double.IsFinite(value))
            {
                throw LookupRefusedException.Invalid("/" + name, "type", $"{name} is a number.");
            }
        }

        if (filter.MinScore > filter.MaxScore)
        {
            throw LookupRefusedException.Invalid("/minScore", "range", "minScore may not be above maxScore.");
        }

        if (limit is < 1 or > MaxLimit)
        {
            throw LookupRefusedException.Invalid("/limit", "range", $"limit is a whole number from 1 to {MaxLimit}.");
        }
    }

    /// <summary>Where a page ends: the last link's record version, as base64url of its JSON, opaque to callers.</summary>
    private sealed record Cursor(string Department, string Feed, string RecordId, int Version)
    {
        public static string Of(LinkRow row) =>
            Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(new Cursor(row.Department, row.Feed, row.RecordId, row.Version)))
                .TrimEnd('=').Replace('+', '-').Replace('/', '_');

        public static Cursor Parse(string text)
        {
            try
            {
                var base64 = text.Replace('-', '+').Replace('_', '/');
                var bytes = Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
                if (JsonSerializer.Deserialize<Cursor>(Encoding.UTF8.GetString(bytes)) is { Department: not null, Feed: not null, RecordId: not null } cursor
                    && ForbiddenCharacters.First(cursor.Department + cursor.Feed + cursor.RecordId) is null)
                {
                    return cursor;
                }
            }
            catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
            {
                // Falls through to the refusal: a cursor is only ever one this class made.
            }

            throw LookupRefusedException.Invalid("/after", "cursor", "after is the next of a previous page, as it was given.");
        }
    }
}
