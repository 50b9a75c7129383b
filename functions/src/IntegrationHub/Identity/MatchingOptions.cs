namespace IntegrationHub.Identity;

/// <summary>Score thresholds (in bits of evidence, log2 of the likelihood ratio) for the probabilistic matcher's grades.</summary>
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
}
