using IntegrationHub.Identity.Matching;

namespace IntegrationHub.Identity.Consolidation;

/// <summary>
/// Joins persons that turn out to be one human once more records have arrived, after the matcher has placed what was
/// waiting. Two cases:
/// <list type="bullet">
/// <item>A number change: public security's record names the number the person held before; a person founded on that
/// former number (by records that still carry it) is merged into the person holding the current one, when their names
/// or birth dates agree.</item>
/// <item>A person founded by number-less records that matched nobody at the time: queued when a key of theirs appears
/// on another person (<see cref="PersonBlocks"/>), then scored as a whole against the persons sharing their keys, with
/// the matcher's own model, thresholds and margin. A certain and unambiguous match merges them.</item>
/// </list>
/// </summary>
public sealed class PersonConsolidation(
    NpgsqlDataSource dataSource,
    FeatureExtractor features,
    MatchModelProvider models,
    AuditLog audit,
    TimeProvider time,
    IOptions<MatchingOptions> options)
{
    public const string FormerNumberRule = "former-number";
    public const string RecheckRule = "numberless-recheck";
    private const int RecheckChunk = 200;

    private readonly Comparator comparator = new(features.Readings);
    private DateTimeOffset? formerNumbersAt;

    /// <summary>One step: returns how many persons it looked at or merged (0: nothing to do).</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken) =>
        await MergeFormerNumbersAsync(cancellationToken) + await RecheckAsync(cancellationToken);

    private async Task<int> MergeFormerNumbersAsync(CancellationToken cancellationToken)
    {
        // Looked at on a clock rather than on every call: the query reads every number-change record, and the matcher
        // may be called far more often than numbers change.
        var started = time.GetUtcNow();
        if (formerNumbersAt is { } last && started - last < options.Value.FormerNumberInterval)
        {
            return 0;
        }

        formerNumbersAt = started;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var pairs = new List<(long Former, long Current)>();
        await using (var command = new NpgsqlCommand("""
            SELECT DISTINCT p.person_id, l.person_id
            FROM stored_record s
            JOIN person_link l USING (department, feed, record_id, version)
            JOIN person p ON p.id_number_index = s.former_id_index
            WHERE s.former_id_index IS NOT NULL AND s.department = 'ps' AND p.merged_into IS NULL AND p.person_id <> l.person_id
            """, connection, transaction))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                pairs.Add((reader.GetInt64(0), reader.GetInt64(1)));
            }
        }

        var survivors = await PersonSurvivors.OfAsync(connection, transaction, pairs.SelectMany(p => new[] { p.Former, p.Current }).Distinct().ToArray(),
            cancellationToken);
        var live = pairs.Select(p => (Former: survivors[p.Former], Current: survivors[p.Current])).Where(p => p.Former != p.Current).Distinct().ToList();
        var merged = 0;
        if (live.Count > 0)
        {
            var goldens = await GoldensAsync(connection, transaction, live.SelectMany(p => new[] { p.Former, p.Current }).ToArray(), cancellationToken);
            var now = time.GetUtcNow();
            foreach (var (former, current) in live)
            {
                var levels = comparator.Compare(goldens[former].Features, goldens[current].Features, null);
                var agrees = levels.GetValueOrDefault(MatchField.Name, 4) <= 2 || levels.GetValueOrDefault(MatchField.BirthDate, 3) == 0;
                if (agrees && await PersonMerger.MergeAsync(connection, transaction, audit, former, current, FormerNumberRule, 1.0, now,
                        cancellationToken))
                {
                    merged++;
                }
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return merged;
    }

    private async Task<int> RecheckAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var queued = new List<long>();
        await using (var claim = new NpgsqlCommand("""
            DELETE FROM person_recheck WHERE person_id IN (
                SELECT person_id FROM person_recheck ORDER BY person_id LIMIT @n FOR UPDATE SKIP LOCKED)
            RETURNING person_id
            """, connection, transaction))
        {
            claim.Parameters.AddWithValue("n", RecheckChunk);
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                queued.Add(reader.GetInt64(0));
            }
        }

        if (queued.Count == 0)
        {
            return 0;
        }

        var subjects = await SubjectsAsync(connection, transaction, queued.ToArray(), cancellationToken);
        var holders = await HoldersAsync(connection, transaction, subjects.Values.SelectMany(s => s.Keys).Distinct().Select(Convert.FromHexString)
            .ToArray(), cancellationToken);
        var survivors = await PersonSurvivors.OfAsync(connection, transaction, holders.Values.SelectMany(h => h).Distinct().ToArray(),
            cancellationToken);
        var goldens = await GoldensAsync(connection, transaction, survivors.Values.Distinct().ToArray(), cancellationToken);
        var model = await models.CurrentAsync(connection, transaction, cancellationToken);
        var settings = options.Value;
        var mergedInto = new Dictionary<long, long>();
        var now = time.GetUtcNow();
        foreach (var (person, subject) in subjects.OrderBy(s => s.Key))
        {
            if (mergedInto.ContainsKey(person))
            {
                continue;
            }

            var scored = subject.Keys
                .SelectMany(k => (holders.GetValueOrDefault(k) ?? []).Select(h => (Person: Resolve(survivors.GetValueOrDefault(h, h), mergedInto),
                    Employer: subject.EmployerKeys.Contains(k))))
                .Where(c => c.Person != person && goldens.ContainsKey(c.Person))
                .GroupBy(c => c.Person)
                .Select(g => (Id: g.Key, Score: model.Score(comparator.Compare(subject.Features, goldens[g.Key].Features, null, g.Any(c => c.Employer)))))
                .OrderByDescending(c => c.Score).ToList();
            if (scored.Count == 0 || scored[0].Score < settings.Certain
                || (scored.Count > 1 && scored[0].Score - scored[1].Score < settings.Margin))
            {
                continue;
            }

            if (await PersonMerger.MergeAsync(connection, transaction, audit, person, scored[0].Id, RecheckRule, scored[0].Score, now,
                    cancellationToken))
            {
                mergedInto[person] = scored[0].Id;
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return queued.Count;
    }

    private static long Resolve(long person, Dictionary<long, long> mergedInto)
    {
        while (mergedInto.TryGetValue(person, out var into))
        {
            person = into;
        }

        return person;
    }

    /// <summary>The queued persons still number-less and not merged away: their golden features and the keys of their records.</summary>
    private async Task<Dictionary<long, Subject>> SubjectsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long[] persons,
        CancellationToken cancellationToken)
    {
        var subjects = new Dictionary<long, Subject>();
        await using var command = new NpgsqlCommand("""
            SELECT p.person_id, p.golden::text, s.payload::text
            FROM person p
            JOIN person_link l ON l.person_id = p.person_id
            JOIN stored_record s USING (department, feed, record_id, version)
            WHERE p.person_id = ANY(@ids) AND p.id_number_index IS NULL AND p.merged_into IS NULL
            """, connection, transaction);
        command.Parameters.AddWithValue("ids", persons);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var person = reader.GetInt64(0);
            if (!subjects.TryGetValue(person, out var subject))
            {
                subjects[person] = subject = new Subject(MatchFeatures.FromGolden(JsonNode.Parse(reader.GetString(1))!.AsObject()), [], []);
            }

            var recordFeatures = MatchFeatures.FromRecord(JsonNode.Parse(reader.GetString(2))!.AsObject(), null, null);
            foreach (var key in features.BlockKeys(recordFeatures))
            {
                subject.Keys.Add(Convert.ToHexString(key));
            }

            if (features.EmployerKey(recordFeatures) is { } employer)
            {
                subject.EmployerKeys.Add(Convert.ToHexString(employer));
            }
        }

        return subjects;
    }

    private static async Task<Dictionary<string, List<long>>> HoldersAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, byte[][] keys,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT key, person_id FROM person_block WHERE key = ANY(@keys)", connection, transaction);
        command.Parameters.AddWithValue("keys", keys);
        return await PersonBlocks.ByKeyAsync(command, reader => reader.GetInt64(1), cancellationToken);
    }

    private static async Task<Dictionary<long, (MatchFeatures Features, bool HasNumber)>> GoldensAsync(NpgsqlConnection connection,
        NpgsqlTransaction transaction, long[] persons, CancellationToken cancellationToken)
    {
        var goldens = new Dictionary<long, (MatchFeatures, bool)>();
        await using var command = new NpgsqlCommand(
            "SELECT person_id, golden::text, id_number_index IS NOT NULL FROM person WHERE person_id = ANY(@ids) AND merged_into IS NULL",
            connection, transaction);
        command.Parameters.AddWithValue("ids", persons);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            goldens[reader.GetInt64(0)] = (MatchFeatures.FromGolden(JsonNode.Parse(reader.GetString(1))!.AsObject()), reader.GetBoolean(2));
        }

        return goldens;
    }

    private sealed record Subject(MatchFeatures Features, HashSet<string> Keys, HashSet<string> EmployerKeys);
}
