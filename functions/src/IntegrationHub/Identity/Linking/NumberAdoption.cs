using IntegrationHub.Identity.Matching;
using IntegrationHub.Intake.Published;

namespace IntegrationHub.Identity.Linking;

/// <summary>
/// A valid number seen for the first time may belong to a person who already exists without one: the probabilistic
/// matcher made them from records that lacked it (they arrived first). If exactly one such person is a certain match
/// for the record carrying the number, the number is given to that person instead of founding a second one.
/// </summary>
public sealed class NumberAdoption(FeatureExtractor features, MatchModelProvider models, IOptions<MatchingOptions> options)
{
    private readonly Comparator comparator = new(features.Readings);

    /// <summary>Gives fresh numbers to matching number-less persons; returns how many were adopted.</summary>
    public async Task<int> AdoptAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<StoredRecord> numbers,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        await using (var existing = new NpgsqlCommand("SELECT id_number_index FROM person WHERE id_number_index = ANY(@idx)", connection, transaction))
        {
            existing.Parameters.AddWithValue("idx", numbers.Select(n => n.IdNumberIndex!).ToArray());
            await using var reader = await existing.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                known.Add(Convert.ToHexString((byte[])reader[0]));
            }
        }

        var fresh = numbers.Where(n => !known.Contains(Convert.ToHexString(n.IdNumberIndex!)))
            .Select(n => (Record: n, Features: features.Extract(n).Features)).ToList();
        if (fresh.Count == 0)
        {
            return 0;
        }

        var keysOf = fresh.ToDictionary(f => f.Record, f => features.BlockKeys(f.Features));
        var holders = await NumberlessHoldersAsync(connection, transaction, keysOf.Values.SelectMany(k => k).ToArray(), cancellationToken);
        if (holders.Count == 0)
        {
            return 0;
        }

        var settings = options.Value;
        var model = await models.CurrentAsync(connection, transaction, cancellationToken);
        var taken = new HashSet<long>();
        var adopted = 0;
        foreach (var (record, recordFeatures) in fresh)
        {
            var employerKey = features.EmployerKey(recordFeatures) is { } key ? Convert.ToHexString(key) : null;
            var scored = keysOf[record]
                .SelectMany(k => holders.TryGetValue(Convert.ToHexString(k), out var persons)
                    ? persons.Select(p => (p.Id, p.Golden, Employer: Convert.ToHexString(k) == employerKey))
                    : [])
                .GroupBy(p => p.Id)
                .Select(g => (Id: g.Key, Score: Score(model, recordFeatures, g.First().Golden, g.Any(p => p.Employer))))
                .OrderByDescending(p => p.Score).ToList();
            if (scored.Count == 0 || scored[0].Score < settings.Certain
                || (scored.Count > 1 && scored[0].Score - scored[1].Score < settings.Margin) || taken.Contains(scored[0].Id))
            {
                continue;
            }

            await using var adopt = new NpgsqlCommand("""
                UPDATE person SET id_number_index = @idx, id_number_cipher = @cipher, updated_at = @now
                WHERE person_id = @p AND id_number_index IS NULL AND merged_into IS NULL
                """, connection, transaction);
            adopt.Parameters.AddWithValue("idx", record.IdNumberIndex!);
            adopt.Parameters.AddWithValue("cipher", record.IdNumberCipher!);
            adopt.Parameters.AddWithValue("now", now);
            adopt.Parameters.AddWithValue("p", scored[0].Id);
            if (await adopt.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                taken.Add(scored[0].Id);
                adopted++;
            }
        }

        return adopted;
    }

    private double Score(MatchModel model, MatchFeatures record, JsonObject golden, bool employer) =>
        model.Score(comparator.Compare(record, MatchFeatures.FromGolden(golden), null, employer));

    private static async Task<Dictionary<string, List<(long Id, JsonObject Golden)>>> NumberlessHoldersAsync(NpgsqlConnection connection,
        NpgsqlTransaction transaction, byte[][] keys, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT b.key, p.person_id, p.golden::text FROM person_block b JOIN person p USING (person_id)
            WHERE b.key = ANY(@keys) AND p.id_number_index IS NULL AND p.merged_into IS NULL
            """, connection, transaction);
        command.Parameters.AddWithValue("keys", keys);
        return await PersonBlocks.ByKeyAsync(command, reader => (reader.GetInt64(1), JsonNode.Parse(reader.GetString(2))!.AsObject()),
            cancellationToken);
    }
}
