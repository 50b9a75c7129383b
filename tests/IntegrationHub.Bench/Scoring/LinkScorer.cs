namespace IntegrationHub.Bench.Scoring;

/// <summary>
/// Scores a linkage by the contingency table of (predicted person, true person): true-positive pairs are the sum of C(n,2)
/// over its cells, predicted pairs over its rows, true pairs over its columns, so no pair is ever enumerated. Add the whole
/// truth first, then the links.
/// </summary>
public sealed class LinkScorer
{
    private const char Separator = '\u001f';

    private readonly Dictionary<string, int> recordIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> truePersonIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> predictedPersonIndex = new(StringComparer.Ordinal);
    private readonly List<int> truePerson = [];
    private readonly List<int> predictedPerson = [];

    public long DuplicateTruth { get; private set; }

    public long UnknownRecords { get; private set; }

    public long DuplicateLinks { get; private set; }

    public long UnreadableLines { get; set; }

    /// <summary>Adds one record of the truth; a record listed twice is counted in <see cref="DuplicateTruth"/> and kept once.</summary>
    public void AddTruth(string department, string feed, string recordId, string person)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (!recordIndex.TryAdd(Key(department, feed, recordId), truePerson.Count))
        {
            DuplicateTruth++;
            return;
        }

        if (!truePersonIndex.TryGetValue(person, out var index))
        {
            truePersonIndex[person] = index = truePersonIndex.Count;
        }

        truePerson.Add(index);
        predictedPerson.Add(-1);
    }

    /// <summary>Adds one link; a repeated link of a record is counted in <see cref="DuplicateLinks"/>, the first one kept.</summary>
    public void AddLink(string department, string feed, string recordId, string personId)
    {
        ArgumentNullException.ThrowIfNull(personId);
        if (!recordIndex.TryGetValue(Key(department, feed, recordId), out var record))
        {
            UnknownRecords++;
            return;
        }

        if (predictedPerson[record] >= 0)
        {
            DuplicateLinks++;
            return;
        }

        if (!predictedPersonIndex.TryGetValue(personId, out var index))
        {
            predictedPersonIndex[personId] = index = predictedPersonIndex.Count;
        }

        predictedPerson[record] = index;
    }

    public LinkScore Compute()
    {
        var records = truePerson.Count;
        var nextPredicted = predictedPersonIndex.Count;
        var missing = 0L;
        var cells = new Dictionary<long, int>();
        var predictedSize = new List<int>(new int[nextPredicted]);
        var trueSize = new int[truePersonIndex.Count];
        for (var i = 0; i < records; i++)
        {
            var predicted = predictedPerson[i];
            if (predicted < 0)
            {
                missing++;
                predicted = nextPredicted++;
                predictedSize.Add(0);
            }

            predictedSize[predicted]++;
            trueSize[truePerson[i]]++;
            var cell = ((long)predicted << 32) | (uint)truePerson[i];
            cells[cell] = cells.GetValueOrDefault(cell) + 1;
        }

        var truePositives = 0L;
        var truePersonsPerPredicted = new int[nextPredicted];
        var predictedPerTrue = new int[trueSize.Length];
        foreach (var (cell, count) in cells)
        {
            truePositives += Pairs(count);
            truePersonsPerPredicted[(int)(cell >> 32)]++;
            predictedPerTrue[(int)(cell & 0xFFFF_FFFF)]++;
        }

        var predictedPairs = predictedSize.Sum(Pairs);
        var truePairs = trueSize.Sum(Pairs);
        var precision = predictedPairs == 0 ? 1.0 : (double)truePositives / predictedPairs;
        var recall = truePairs == 0 ? 1.0 : (double)truePositives / truePairs;
        var f1 = precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
        return new LinkScore(
            TruthRecords: records,
            LinkedRecords: records - missing,
            MissingRecords: missing,
            UnknownRecords: UnknownRecords,
            DuplicateLinks: DuplicateLinks,
            UnreadableLines: UnreadableLines,
            TruePersons: trueSize.Length,
            PredictedPersons: nextPredicted,
            TruePairs: truePairs,
            PredictedPairs: predictedPairs,
            TruePositivePairs: truePositives,
            Precision: precision,
            Recall: recall,
            F1: f1,
            FalseMergeClusters: truePersonsPerPredicted.Count(n => n > 1),
            SplitPersons: predictedPerTrue.Count(n => n > 1));
    }

    private static long Pairs(int n) => (long)n * (n - 1) / 2;

    private static string Key(string department, string feed, string recordId)
    {
        ArgumentNullException.ThrowIfNull(department);
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(recordId);
        return $"{department}{Separator}{feed}{Separator}{recordId}";
    }
}
