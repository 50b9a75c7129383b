namespace IntegrationHub.Identity;

/// <summary>Score thresholds (in bits of evidence, log2 of the likelihood ratio) for the probabilistic matcher's grades, and
/// how its m and u probabilities are estimated and overridden.</summary>
public sealed class MatchingOptions
{
    public const string Section = "Identity:Matching";

    /// <summary>At or above: linked without review.</summary>
    public double Certain { get; set; } = 18;

    /// <summary>At or above: sent to review as probable.</summary>
    public double Probable { get; set; } = 12;

    /// <summary>At or above: sent to review as possible; below, the record becomes a new person.</summary>
    public double Possible { get; set; } = 6;

    /// <summary>A certain best candidate needs this lead over the runner-up (namesakes, twins), else it goes to review.</summary>
    public double Margin { get; set; } = 8;

    public int ChunkSize { get; set; } = 500;

    /// <summary>Per field (by <see cref="Matching.MatchField"/> name): configured m and/or u that win over the EM estimate.</summary>
    public Dictionary<string, FieldProbabilities> Overrides { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Linked records sampled for one EM fit (each gives its blocked candidate pairs and random pairs).</summary>
    public int FitSampleRecords { get; set; } = 4000;

    /// <summary>Unrelated persons each sampled record is compared with to estimate u.</summary>
    public int RandomPairsPerRecord { get; set; } = 25;

    /// <summary>Below this many blocked candidate pairs a fit is not trusted and the previous (or default) model stays.</summary>
    public int MinimumFitPairs { get; set; } = 2000;

    /// <summary>The estimate is a blend: the priors count as this many pairs, so a sparse level cannot swing far on little data.</summary>
    public double PriorPairs { get; set; } = 500;

    /// <summary>A new fit is made once the linked records have grown by this share since the last one.</summary>
    public double RefitGrowth { get; set; } = 0.5;

    /// <summary>Persons founded on a number that public security reports as someone's former number are looked for at most this often.</summary>
    public TimeSpan FormerNumberInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a linker keeps the model it loaded before looking for a newer fit.</summary>
    public TimeSpan ModelRefresh { get; set; } = TimeSpan.FromSeconds(30);
}
