using IntegrationHub.Intake.Published;

namespace IntegrationHub.Identity.Matching;

/// <summary>
/// Estimates m and u from the data and stores the estimate for the matcher. A sample of linked records (public security's
/// left out: they are the golden record's source, so they would agree with it by construction) is compared, as the
/// matcher would, with every person sharing a blocking key with it: EM over those pairs gives m. u comes from the same
/// records compared with persons drawn at random, which are nearly all different people; blocked pairs cannot give u,
/// since blocking makes agreement common among them. Both are blended with the priors (<see cref="MatchingOptions.PriorPairs"/>).
/// Employer agreement is not re-estimated: a sampled record's own employer key is already on its person.
/// </summary>
public sealed class MatchModelFitter(
    NpgsqlDataSource dataSource,
    FeatureExtractor features,
    MatchModelProvider provider,
    AuditLog audit,
    TimeProvider time,
    IOptions<MatchingOptions> options)
{
    private const int Iterations = 40;

    private readonly Comparator comparator = new(features.Readings);

    /// <summary>Fits when there is no fit yet or the linked records grew by <see cref="MatchingOptions.RefitGrowth"/> since the last.</summary>
    public async Task<MatchModelFit?> FitIfDueAsync(CancellationToken cancellationToken)
    {
        var links = await CountLinksAsync(cancellationToken);
        await using var last = dataSource.CreateCommand("SELECT links_seen FROM match_model_fit ORDER BY fit_id DESC LIMIT 1");
        if (await last.ExecuteScalarAsync(cancellationToken) is long seen && links < seen * (1 + options.Value.RefitGrowth))
        {
            return null;
        }

        return await FitAsync(links, cancellationToken);
    }

    /// <summary>Fits now; returns null (and stores nothing) when the sample gives too few candidate pairs to trust.</summary>
    public async Task<MatchModelFit?> FitAsync(CancellationToken cancellationToken) =>
        await FitAsync(await CountLinksAsync(cancellationToken), cancellationToken);

    private async Task<MatchModelFit?> FitAsync(long links, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var sample = await SampleAsync(settings.FitSampleRecords, cancellationToken);
        var prior = MatchModel.Default().WithOverrides(settings.Overrides);
        var blocked = await BlockedPairsAsync(sample, cancellationToken);
        if (blocked.Count < settings.MinimumFitPairs)
        {
            return null;
        }

        var u = await EstimateUAsync(sample, prior, settings, cancellationToken);
        var (fitted, share) = ExpectationMaximization.Estimate(blocked, new MatchModel(prior.M, u), Iterations,
            initialMatchShare: (double)sample.Count / blocked.Count, priorWeight: settings.PriorPairs, fixedU: true);
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        long fitId;
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO match_model_fit (fitted_at, pairs, records, links_seen, match_share, iterations, model)
            VALUES (@at, @pairs, @records, @links, @share, @iterations, @model::jsonb) RETURNING fit_id
            """, connection, transaction))
        {
            insert.Parameters.AddWithValue("at", now);
            insert.Parameters.AddWithValue("pairs", blocked.Count);
            insert.Parameters.AddWithValue("records", sample.Count);
            insert.Parameters.AddWithValue("links", links);
            insert.Parameters.AddWithValue("share", share);
            insert.Parameters.AddWithValue("iterations", Iterations);
            insert.Parameters.AddWithValue("model", MatchModelJson.Write(fitted));
            fitId = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
        }

        await audit.AppendAsync(connection, transaction, new AuditEntry("identity-matcher", "match-model.fit", "identity-reconciliation",
            fitId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            JsonSerializer.Serialize(new { pairs = blocked.Count, records = sample.Count, links, share })), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        provider.Invalidate();
        return new MatchModelFit(fitId, now, blocked.Count, sample.Count, links, share, fitted);
    }

    private async Task<long> CountLinksAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM person_link");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task<List<Sampled>> SampleAsync(int size, CancellationToken cancellationToken)
    {
        var sample = new List<Sampled>();
        await using var command = dataSource.CreateCommand("""
            SELECT s.department, s.feed, s.record_id, s.version, s.payload::text, s.id_number_index, s.id_number_cipher,
                   coalesce(s.id_number_valid, false), l.person_id
            FROM (SELECT * FROM person_link WHERE department <> 'ps' ORDER BY random() LIMIT @n) l
            JOIN stored_record s USING (department, feed, record_id, version)
            """);
        command.Parameters.AddWithValue("n", size);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var record = new StoredRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3),
                JsonNode.Parse(reader.GetString(4))!.AsObject(), reader.IsDBNull(5) ? null : (byte[])reader[5],
                reader.IsDBNull(6) ? null : (byte[])reader[6], reader.GetBoolean(7));
            var (recordFeatures, number) = features.Extract(record);
            var invalidNumber = !record.IdNumberValid && number is not null;
            sample.Add(new Sampled(recordFeatures, features.BlockKeys(recordFeatures),
                invalidNumber ? IdNeighbours.Of(number!).Select(features.BlindIndex).ToArray() : [], invalidNumber, reader.GetInt64(8)));
        }

        return sample;
    }

    private async Task<List<IReadOnlyDictionary<MatchField, int>>> BlockedPairsAsync(List<Sampled> sample, CancellationToken cancellationToken)
    {
        Dictionary<string, List<long>> byKey;
        var allKeys = sample.SelectMany(s => s.Keys.Concat(s.Neighbours)).DistinctBy(Convert.ToHexString).ToArray();
        await using (var command = dataSource.CreateCommand("""
            SELECT key, person_id FROM person_block WHERE key = ANY(@keys)
            UNION ALL
            SELECT id_number_index, person_id FROM person WHERE id_number_index = ANY(@keys)
            """))
        {
            command.Parameters.AddWithValue("keys", allKeys);
            byKey = await PersonBlocks.ByKeyAsync(command, reader => reader.GetInt64(1), cancellationToken);
        }

        var survivors = await SurvivorsAsync(byKey.Values.SelectMany(p => p).Distinct().ToArray(), cancellationToken);
        var pairs = new List<IReadOnlyDictionary<MatchField, int>>();
        foreach (var record in sample)
        {
            var neighbours = record.Neighbours.SelectMany(k => byKey.GetValueOrDefault(Convert.ToHexString(k)) ?? [])
                .Select(p => survivors.GetValueOrDefault(p)?.Id).OfType<long>().ToHashSet();
            var candidates = record.Keys.Concat(record.Neighbours).SelectMany(k => byKey.GetValueOrDefault(Convert.ToHexString(k)) ?? [])
                .Select(p => survivors.GetValueOrDefault(p)).OfType<Survivor>().DistinctBy(s => s.Id);
            foreach (var candidate in candidates)
            {
                var neighbour = neighbours.Contains(candidate.Id);
                pairs.Add(comparator.Compare(record.Features, candidate.Features,
                    !record.InvalidNumber || !(neighbour || candidate.HasNumber) ? null : neighbour));
            }
        }

        return pairs;
    }

    private async Task<Dictionary<MatchField, double[]>> EstimateUAsync(List<Sampled> sample, MatchModel prior, MatchingOptions settings,
        CancellationToken cancellationToken)
    {
        var persons = new List<(long Id, MatchFeatures Features)>();
        await using (var command = dataSource.CreateCommand(
            "SELECT person_id, golden::text FROM person WHERE merged_into IS NULL ORDER BY random() LIMIT @n"))
        {
            command.Parameters.AddWithValue("n", Math.Max(1, settings.RandomPairsPerRecord * 40));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                persons.Add((reader.GetInt64(0), MatchFeatures.FromGolden(JsonNode.Parse(reader.GetString(1))!.AsObject())));
            }
        }

        var counts = prior.U.ToDictionary(p => p.Key, p => p.Value.Select(x => x * settings.PriorPairs).ToArray());
        for (var i = 0; i < sample.Count && persons.Count > 1; i++)
        {
            for (var j = 0; j < settings.RandomPairsPerRecord; j++)
            {
                var (id, person) = persons[(i * settings.RandomPairsPerRecord + j) % persons.Count];
                if (id == sample[i].Person)
                {
                    continue;
                }

                foreach (var (field, level) in comparator.Compare(sample[i].Features, person, null))
                {
                    counts[field][level]++;
                }
            }
        }

        return counts.ToDictionary(c => c.Key, c => c.Value.Length == 1
            ? (double[])prior.U[c.Key].Clone()
            : c.Value.Select(x => Math.Clamp(x / c.Value.Sum(), 1e-7, 1 - 1e-7)).ToArray());
    }

    private async Task<Dictionary<long, Survivor>> SurvivorsAsync(long[] persons, CancellationToken cancellationToken)
    {
        var survivors = new Dictionary<long, Survivor>();
        await using var command = dataSource.CreateCommand("""
            WITH RECURSIVE chain AS (
                SELECT person_id AS original, person_id, merged_into FROM person WHERE person_id = ANY(@ids)
                UNION ALL
                SELECT c.original, p.person_id, p.merged_into FROM chain c JOIN person p ON p.person_id = c.merged_into
            )
            SELECT c.original, p.person_id, p.golden::text, p.id_number_index IS NOT NULL
            FROM chain c JOIN person p ON p.person_id = c.person_id WHERE c.merged_into IS NULL
            """);
        command.Parameters.AddWithValue("ids", persons);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            survivors[reader.GetInt64(0)] = new Survivor(reader.GetInt64(1),
                MatchFeatures.FromGolden(JsonNode.Parse(reader.GetString(2))!.AsObject()), reader.GetBoolean(3));
        }

        return survivors;
    }

    private sealed record Sampled(MatchFeatures Features, byte[][] Keys, byte[][] Neighbours, bool InvalidNumber, long Person);

    private sealed record Survivor(long Id, MatchFeatures Features, bool HasNumber);
}
