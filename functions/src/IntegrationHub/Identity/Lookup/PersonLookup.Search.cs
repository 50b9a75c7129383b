using IntegrationHub.Intake.Rules;

namespace IntegrationHub.Identity.Lookup;

// The search: by identity number (the person holding it, and the persons of records that carry it), or by name and birth date.
public sealed partial class PersonLookup
{
    /// <summary>The persons matching the query (survivors of merges), at most <see cref="MaxResults"/>, audited as
    /// <c>person.search</c> with how it searched and how many it found, never what it searched for.</summary>
    /// <exception cref="LookupRefusedException">InvalidInput: the query is malformed.</exception>
    public async Task<IReadOnlyList<PersonSummary>> SearchAsync(PersonQuery query, PersonReader reader, string purpose,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var criterion = Criterion.From(query);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var found = criterion.Number is { } number
            ? await ByNumberAsync(connection, transaction, number, reader, cancellationToken)
            : await ByNameAsync(connection, transaction, criterion.Name!, criterion.BirthDate!, reader, cancellationToken);
        await AuditAsync(connection, transaction, reader, "person.search", purpose, null,
            new { by = criterion.Number is null ? "name-birth-date" : "id-number", found = found.Count }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return found;
    }

    private async Task<List<PersonSummary>> ByNumberAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string number,
        PersonReader reader, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            WITH RECURSIVE hit AS (
                SELECT person_id FROM person WHERE id_number_index = @index
                UNION
                SELECT l.person_id FROM stored_record s JOIN person_link l USING (department, feed, record_id, version)
                WHERE s.id_number_index = @index
            )
            {SurvivorsOfHits}
            """, connection, transaction);
        command.Parameters.AddWithValue("index", protector.BlindIndex(number));
        return await SummariesAsync(command, reader, _ => true, cancellationToken);
    }

    private async Task<List<PersonSummary>> ByNameAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string name,
        string birthDate, PersonReader reader, CancellationToken cancellationToken)
    {
        // The matcher's blocking key of birth date and surname finds the few persons worth reading; their golden records decide.
        var readings = features.Readings;
        var simplified = readings.ToSimplified(name);
        var surname = simplified.EnumerateRunes().First().ToString();
        await using var command = new NpgsqlCommand($"""
            WITH RECURSIVE hit AS (SELECT person_id FROM person_block WHERE key = @key)
            {SurvivorsOfHits}
            """, connection, transaction);
        command.Parameters.AddWithValue("key", features.BlindIndex($"bs|{birthDate}|{surname}"));
        // A person whose golden record lacks a birth date (tax and hr records carry none) has it from the key: some record of theirs
        // gave that date, stated or embedded in its number.
        return await SummariesAsync(command, reader, golden =>
            (Survivorship.Value(golden, "birthDate") is not { } known || known == birthDate)
            && Names(golden).Any(n => readings.ToSimplified(n) == simplified), cancellationToken);
    }

    /// <summary>The rest of a search statement after its <c>hit</c> CTE: each hit followed to its survivor, with its record count.</summary>
    private const string SurvivorsOfHits = """
        , chain AS (
            SELECT p.person_id, p.merged_into, 0 AS depth FROM hit h JOIN person p USING (person_id)
            UNION
            SELECT p.person_id, p.merged_into, c.depth + 1 FROM chain c JOIN person p ON p.person_id = c.merged_into WHERE c.depth < 64
        )
        SELECT p.person_id, p.golden::text, p.id_number_cipher,
               (SELECT count(DISTINCT (l.department, l.feed, l.record_id)) FROM person_link l WHERE l.person_id = p.person_id)
        FROM (SELECT DISTINCT person_id FROM chain WHERE merged_into IS NULL) s JOIN person p USING (person_id)
        ORDER BY p.person_id
        """;

    private async Task<List<PersonSummary>> SummariesAsync(NpgsqlCommand command, PersonReader reader, Func<JsonObject, bool> keep,
        CancellationToken cancellationToken)
    {
        var found = new List<PersonSummary>();
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        while (found.Count < MaxResults && await rows.ReadAsync(cancellationToken))
        {
            var golden = JsonNode.Parse(rows.GetString(1))!.AsObject();
            if (!keep(golden))
            {
                continue;
            }

            var (number, masked) = Shown(rows.IsDBNull(2) ? null : (byte[])rows[2], reader);
            found.Add(new PersonSummary(PersonId.Format(rows.GetInt64(0)), Survivorship.Value(golden, "name"),
                Survivorship.Value(golden, "birthDate"), Survivorship.Value(golden, "gender"), number, masked,
                Convert.ToInt32(rows.GetInt64(3), CultureInfo.InvariantCulture)));
        }

        return found;
    }

    private static IEnumerable<string> Names(JsonObject golden)
    {
        if (Survivorship.Value(golden, "name") is { } name)
        {
            yield return name;
        }

        if (golden["formerNames"]?["value"] is JsonArray former)
        {
            foreach (var item in former)
            {
                if (item?.GetValue<string>() is { } formerName)
                {
                    yield return formerName;
                }
            }
        }
    }

    /// <summary>A checked query: a normalized well-formed number, or a normalized name and a real birth date.</summary>
    private sealed record Criterion(string? Number, string? Name, string? BirthDate)
    {
        public static Criterion From(PersonQuery query)
        {
            var hasName = query.Name is not null || query.BirthDate is not null;
            if (query.IdNumber is null == !hasName)
            {
                throw LookupRefusedException.Invalid("", hasName ? "one-criterion" : "required",
                    "Search by idNumber, or by name and birthDate, not both.");
            }

            if (query.IdNumber is { } raw)
            {
                var number = IdentityNumber.Normalize(raw);
                return IdentityNumber.IsWellFormed(number) ? new Criterion(number, null, null)
                    : throw LookupRefusedException.Invalid("/idNumber", "id-format",
                        "An identity number is 18 characters (or a 15-digit legacy number): digits, the last one a digit or X.");
            }

            if (query.Name is null)
            {
                throw LookupRefusedException.Invalid("/name", "required", "Give the name with the birth date.");
            }

            if (ForbiddenCharacters.First(query.Name) is not null)
            {
                throw LookupRefusedException.Invalid("/name", "control-character", "A name holds no control characters.");
            }

            var name = NameRules.Normalize(query.Name);
            if (name.Length == 0 || !NameRules.HasValidLength(name))
            {
                throw LookupRefusedException.Invalid("/name", name.Length == 0 ? "name-empty" : "too-long",
                    $"A name has 1 to {NameRules.MaxLength} characters.");
            }

            if (query.BirthDate is null)
            {
                throw LookupRefusedException.Invalid("/birthDate", "required", "Give the birth date with the name.");
            }

            return DateOnly.TryParseExact(query.BirthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? new Criterion(null, name, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                : throw LookupRefusedException.Invalid("/birthDate", "date-invalid", "A birth date is a real date written yyyy-MM-dd.");
        }
    }
}
