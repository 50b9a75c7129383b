namespace IntegrationHub.Identity.Lookup;

// The cross-reference: a department's own record to its person, and which other departments know that person.
public sealed partial class PersonLookup
{
    /// <summary>
    /// The person the department's record belongs to (its latest linked version, followed through merges), audited as
    /// <c>person.cross-reference</c>. The record is looked for in all the department's feeds, or in <paramref name="feed"/>.
    /// </summary>
    /// <remarks>The caller makes sure <paramref name="reader"/> is <paramref name="department"/> itself.</remarks>
    /// <exception cref="LookupRefusedException">InvalidInput: an unknown department or feed. NotFound: no such record, or not
    /// linked yet (waiting for the matcher or in review). Ambiguous: the recordId is in two of the department's feeds, linked
    /// to two persons (name the feed).</exception>
    public async Task<CrossReference> CrossReferenceAsync(string department, string recordId, string? feed, PersonReader reader,
        string purpose, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var catalog = await feeds.GetAsync(cancellationToken);
        var departmentFeeds = catalog.Feeds.Where(f => f.Department == department).Select(f => f.Feed).ToArray();
        if (departmentFeeds.Length == 0)
        {
            throw LookupRefusedException.Invalid("/department", "unknown-department", $"Departments are {Departments.Listed}.");
        }

        if (recordId.Length == 0 || ForbiddenCharacters.First(recordId) is not null)
        {
            throw LookupRefusedException.Invalid("/recordId", "control-character", "A recordId is text without control characters.");
        }

        if (feed is not null && !departmentFeeds.Contains(feed))
        {
            throw LookupRefusedException.Invalid("/feed", "unknown-feed", $"{department}'s feeds are {string.Join(", ", departmentFeeds)}.");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var (stored, persons) = await PersonsOfRecordAsync(connection, transaction, department, feed is null ? departmentFeeds : [feed],
            recordId, cancellationToken);
        if (persons.Count == 0)
        {
            throw stored
                ? new LookupRefusedException(LookupRefusal.NotFound, "record-not-linked",
                    "The record is stored but not linked to a person yet (it waits for the matcher or for review).")
                : new LookupRefusedException(LookupRefusal.NotFound, "unknown-record", $"{department} has sent no record with that recordId.");
        }

        if (persons.Count > 1)
        {
            throw new LookupRefusedException(LookupRefusal.Ambiguous, "ambiguous-record",
                $"That recordId is in more than one of {department}'s feeds, linked to different persons; name the feed (?feed=).");
        }

        var person = persons[0];
        var linkedIn = await DepartmentsOfAsync(connection, transaction, person, cancellationToken);
        var others = Departments.All.Where(d => d != department).ToDictionary(d => d, linkedIn.Contains);
        await AuditAsync(connection, transaction, reader, "person.cross-reference", purpose, PersonId.Format(person),
            new { department, linkedIn = others.Count(o => o.Value) }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CrossReference(department, recordId, PersonId.Format(person), others);
    }

    /// <summary>Whether the record was stored at all, and the survivors its latest linked versions (one per feed) lead to.</summary>
    private static async Task<(bool Stored, List<long> Persons)> PersonsOfRecordAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        string department, string[] departmentFeeds, string recordId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            WITH RECURSIVE latest AS (
                SELECT DISTINCT ON (feed) person_id FROM person_link
                WHERE department = @d AND feed = ANY(@feeds) AND record_id = @r ORDER BY feed, version DESC
            ), chain AS (
                SELECT p.person_id, p.merged_into, 0 AS depth FROM latest l JOIN person p USING (person_id)
                UNION
                SELECT p.person_id, p.merged_into, c.depth + 1 FROM chain c JOIN person p ON p.person_id = c.merged_into WHERE c.depth < 64
            )
            SELECT EXISTS (SELECT 1 FROM stored_record WHERE department = @d AND feed = ANY(@feeds) AND record_id = @r),
                   coalesce((SELECT array_agg(DISTINCT person_id ORDER BY person_id) FROM chain WHERE merged_into IS NULL), '{}')
            """, connection, transaction);
        command.Parameters.AddWithValue("d", department);
        command.Parameters.AddWithValue("feeds", departmentFeeds);
        command.Parameters.AddWithValue("r", recordId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetBoolean(0), [.. reader.GetFieldValue<long[]>(1)]);
    }

    /// <summary>The departments with a record whose latest linked version belongs to the person or one merged into it.</summary>
    private static async Task<HashSet<string>> DepartmentsOfAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long person,
        CancellationToken cancellationToken)
    {
        var family = await FamilyAsync(connection, transaction, person, cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT DISTINCT c.department
            FROM (SELECT DISTINCT department, feed, record_id FROM person_link WHERE person_id = ANY(@family)) k
            CROSS JOIN LATERAL (
                SELECT l.department, l.person_id FROM person_link l
                WHERE l.department = k.department AND l.feed = k.feed AND l.record_id = k.record_id ORDER BY l.version DESC LIMIT 1) c
            WHERE c.person_id = ANY(@family)
            """, connection, transaction);
        command.Parameters.AddWithValue("family", family.ToArray());
        var departments = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            departments.Add(reader.GetString(0));
        }

        return departments;
    }
}
