namespace IntegrationHub.Identity;

public sealed class IdentityOptions
{
    public const string Section = "Identity";

    /// <summary>Batch lines linked per transaction on the chunk path.</summary>
    public int ChunkSize { get; set; } = 2000;

    /// <summary>A batch with more unlinked lines than this is linked set-wise (staging table, set-based SQL).</summary>
    public int SetwiseThreshold { get; set; } = 10_000;

    /// <summary>Batch lines linked per transaction on the set-wise path: a crash loses at most this much work.</summary>
    public int SetwiseSegmentSize { get; set; } = 50_000;

    /// <summary>A batch of at most this many records is linked in the request that delivered it, right after intake commits.</summary>
    public int InlineMaxRecords { get; set; } = 100;
}
