using IntegrationHub.Identity.Matching;

namespace IntegrationHub.Identity.Review;

/// <summary>One compared field of a review item: its agreement level (0 is full agreement) of how many, and its weight.</summary>
public sealed record FieldComparison(MatchField Field, int Level, int Levels, double Weight);

/// <summary>
/// Compares a review item's two sides as the probabilistic matcher does: each field both sides have, its agreement level,
/// and that level's weight (log2 m/u) in the current match model, so a reviewer sees what pulls the score up or down.
/// </summary>
/// <remarks>The identity number's own comparison (a near miss of the person's number) needs the number decrypted and is
/// left out; the record's number agreement is what put a deterministic doubt in the queue in the first place.</remarks>
public sealed class ReviewComparison(NpgsqlDataSource dataSource, NameReadings readings, MatchModelProvider models)
{
    public async Task<IReadOnlyList<FieldComparison>> CompareAsync(ReviewItem item, CancellationToken cancellationToken)
    {
        if (item.RecordData is not JsonObject record || item.PersonData is not JsonObject golden)
        {
            return [];
        }

        MatchModel model;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            model = await models.CurrentAsync(connection, null, cancellationToken);
        }

        var levels = new Comparator(readings).Compare(MatchFeatures.FromRecord(record, null, null), MatchFeatures.FromGolden(golden), null);
        return [.. levels.OrderBy(l => l.Key).Select(l => new FieldComparison(l.Key, l.Value, MatchModel.Levels[l.Key], model.Weight(l.Key, l.Value)))];
    }
}
