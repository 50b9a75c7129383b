namespace IntegrationHub.Bench.Scoring;

/// <summary>
/// Pairwise accuracy of a linkage against the truth. A pair is two records of the same person; records missing from the
/// linkage count as singleton predicted persons, records unknown to the truth are ignored.
/// </summary>
public sealed record LinkScore(
    long TruthRecords,
    long LinkedRecords,
    long MissingRecords,
    long UnknownRecords,
    long DuplicateLinks,
    long UnreadableLines,
    long TruePersons,
    long PredictedPersons,
    long TruePairs,
    long PredictedPairs,
    long TruePositivePairs,
    double Precision,
    double Recall,
    double F1,
    long FalseMergeClusters,
    long SplitPersons);
