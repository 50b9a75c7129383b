using IntegrationHub.Identity.Matching;
using IntegrationHub.Intake.Published;

namespace IntegrationHub.Identity.Lookup;

// The explanation of one link: the record compared, field by field, with its person as the matcher saw it, weighed by the model then.
public sealed partial class LinkQuery
{
    private static readonly Dictionary<MatchField, string[]> AgreementNames = new()
    {
        [MatchField.Name] = ["exact", "same-simplified", "sound-alike", "one-character-apart", "different"],
        [MatchField.BirthDate] = ["exact", "day-month-swapped", "one-year-off", "different"],
        [MatchField.IdNumber] = ["one-keying-slip", "different"],
        [MatchField.Gender] = ["agree", "disagree"],
        [MatchField.Region] = ["same-county", "same-prefecture", "different"],
        [MatchField.Phone] = ["agree", "disagree"],
        [MatchField.Employer] = ["same-name-at-employer"],
    };

    /// <summary>
    /// Each field of the record version compared with the golden record its person had from the records linked to it before
    /// (the person the link names; those linked in the same instant are left out, as are persons merged into it later), with
    /// the weights of the model in force when the link was made (configured overrides applied), audited as <c>link.explain</c>.
    /// </summary>
    /// <exception cref="LookupRefusedException">NotFound: no such link.</exception>
    public async Task<LinkExplanation> ExplainAsync(RecordVersion link, PersonReader reader, string purpose, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(reader);
        foreach (var (text, name) in new[] { (link.Department, "department"), (link.Feed, "feed"), (link.RecordId, "recordId") })
        {
            if (text.Length == 0 || ForbiddenCharacters.First(text) is not null)
            {
                throw LookupRefusedException.Invalid("/" + name, "control-character", $"A {name} is text without control characters.");
            }
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var (row, record, personNumber) = await LinkAsync(connection, transaction, link, cancellationToken)
            ?? throw new LookupRefusedException(LookupRefusal.NotFound, "unknown-link", "No such record version is linked to a person.");
        var earlier = await EarlierRecordsAsync(connection, transaction, row, cancellationToken);
        var (fitId, fittedAt, model) = await ModelAtAsync(connection, transaction, row.LinkedAt, cancellationToken);

        var (recordFeatures, number) = features.Extract(record);
        var golden = new JsonObject();
        foreach (var before in earlier)
        {
            Survivorship.Apply(golden, before);
        }

        // As the matcher decides: a number one keying slip from the person's is evidence; equal numbers are the deterministic rule.
        bool? neighbour = number is null || personNumber is null || number == personNumber ? null
            : IdNeighbours.Of(number).Contains(personNumber);
        var employerKey = BlockingKeys.Employer(recordFeatures, features.Readings);
        var employerAgrees = employerKey is not null && earlier.Any(e =>
            BlockingKeys.Employer(MatchFeatures.FromRecord(e.Payload, null, null), features.Readings) == employerKey);
        var levels = earlier.Count == 0 ? []
            : new Comparator(features.Readings).Compare(recordFeatures, MatchFeatures.FromGolden(golden), neighbour, employerAgrees);
        var fields = Enum.GetValues<MatchField>().Select(field => levels.TryGetValue(field, out var level)
            ? new FieldComparison(JsonNamingPolicy.CamelCase.ConvertName(field.ToString()), true, level, AgreementNames[field][level],
                model.M[field][level], model.U[field][level], model.Weight(field, level))
            : new FieldComparison(JsonNamingPolicy.CamelCase.ConvertName(field.ToString()), false, null, null, null, null, 0)).ToList();
        var settings = options.Value;
        var method = LinkRule.Of(row.Rule)?.Method ?? row.Rule;
        var explanation = new LinkExplanation(row, method, earlier.Count, new MatchModelUsed(fitId, fittedAt), fields,
            fields.Sum(f => f.Weight), new MatchThresholds(settings.Certain, settings.Probable, settings.Possible, settings.Margin));
        await audit.AppendAsync(connection, transaction, new AuditEntry(reader.Name, "link.explain", purpose, row.PersonId,
            JsonSerializer.Serialize(new { record = $"{link.Department}/{link.Feed}/{link.RecordId}#{link.Version}" })), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return explanation;
    }

    /// <summary>The link, the record version as stored and the number of the person it names (decrypted in memory only).</summary>
    private async Task<(LinkRow Row, StoredRecord Record, string? PersonNumber)?> LinkAsync(NpgsqlConnection connection,
        NpgsqlTransaction transaction, RecordVersion link, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT {LinkColumns}, s.payload::text, s.id_number_index, s.id_number_cipher, coalesce(s.id_number_valid, false), p.id_number_cipher
            FROM person_link l JOIN stored_record s USING (department, feed, record_id, version) JOIN person p ON p.person_id = l.person_id
            WHERE l.department = @d AND l.feed = @f AND l.record_id = @r AND l.version = @v
            """, connection, transaction);
        command.Parameters.AddWithValue("d", link.Department);
        command.Parameters.AddWithValue("f", link.Feed);
        command.Parameters.AddWithValue("r", link.RecordId);
        command.Parameters.AddWithValue("v", link.Version);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var row = Row(reader);
        var record = new StoredRecord(row.Department, row.Feed, row.RecordId, row.Version, JsonNode.Parse(reader.GetString(10))!.AsObject(),
            reader.IsDBNull(11) ? null : (byte[])reader[11], reader.IsDBNull(12) ? null : (byte[])reader[12], reader.GetBoolean(13));
        return (row, record, reader.IsDBNull(14) ? null : protector.Decrypt((byte[])reader[14], ProtectionPurposes.IdNumber));
    }

    /// <summary>The latest version of each other record linked to the link's person before it, in arrival order.</summary>
    private static async Task<List<StoredRecord>> EarlierRecordsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, LinkRow row,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT department, feed, record_id, version, payload FROM (
                SELECT DISTINCT ON (l.department, l.feed, l.record_id) s.department, s.feed, s.record_id, s.version, s.payload::text,
                       s.received_at
                FROM person_link l JOIN stored_record s USING (department, feed, record_id, version)
                WHERE l.person_id = @p AND l.linked_at < @at AND NOT (l.department = @d AND l.feed = @f AND l.record_id = @r)
                ORDER BY l.department, l.feed, l.record_id, l.version DESC) e
            ORDER BY received_at, department, feed, record_id
            """, connection, transaction);
        PersonId.TryParse(row.PersonId, out var person);
        command.Parameters.AddWithValue("p", person);
        command.Parameters.AddWithValue("at", row.LinkedAt);
        command.Parameters.AddWithValue("d", row.Department);
        command.Parameters.AddWithValue("f", row.Feed);
        command.Parameters.AddWithValue("r", row.RecordId);
        var records = new List<StoredRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new StoredRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3),
                JsonNode.Parse(reader.GetString(4))!.AsObject(), null, null, false));
        }

        return records;
    }

    /// <summary>The newest fit made before <paramref name="at"/> (the priors when there was none), with today's overrides.</summary>
    private async Task<(long? FitId, DateTimeOffset? FittedAt, MatchModel Model)> ModelAtAsync(NpgsqlConnection connection,
        NpgsqlTransaction transaction, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT fit_id, fitted_at, model::text FROM match_model_fit WHERE fitted_at <= @at ORDER BY fit_id DESC LIMIT 1",
            connection, transaction);
        command.Parameters.AddWithValue("at", at);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), MatchModelJson.Read(reader.GetString(2)).WithOverrides(options.Value.Overrides))
            : (null, null, MatchModel.Default().WithOverrides(options.Value.Overrides));
    }
}
