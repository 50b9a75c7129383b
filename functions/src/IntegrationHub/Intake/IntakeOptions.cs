namespace IntegrationHub.Intake;

public sealed class IntakeOptions
{
    public const string Section = "Intake";

    /// <summary>Largest <c>application/json</c> body; larger batches must be streamed as NDJSON.</summary>
    public long MaxJsonBodyBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>Most records one batch may hold, in either format.</summary>
    public int MaxRecordsPerBatch { get; set; } = 5_000_000;

    /// <summary>Most bytes a batch may hold once decompressed: real extracts stay far below; a larger body is cut off (413).</summary>
    public long MaxBatchBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary>Most bytes a gzip body may expand to per compressed byte, once it has expanded past <see cref="ExpansionCheckedFrom"/>.</summary>
    /// <remarks>Real NDJSON extracts compress 5 to 20 times; a body of repeated bytes, over a thousand.</remarks>
    public int MaxExpansionRatio { get; set; } = 200;

    /// <summary>Decompressed bytes after which the expansion ratio is enforced (small bodies compress unevenly).</summary>
    public long ExpansionCheckedFrom { get; set; } = 16 * 1024 * 1024;

    /// <summary>Share of rejected records above which a batch is stopped, once <see cref="RejectionStopAfter"/> records were read.</summary>
    public double RejectionStopShare { get; set; } = 0.5;

    /// <summary>Records a batch is read before its share of rejections can stop it.</summary>
    public int RejectionStopAfter { get; set; } = 1000;

    /// <summary>Records written per transaction. A crash loses at most the chunk in flight, which a re-send redoes.</summary>
    public int ChunkSize { get; set; } = 4000;

    /// <summary>Unified social credit codes admitted despite a bad check character: the early pilot codes.</summary>
    public List<string> CreditCodeExceptions { get; set; } = [];

    /// <summary>Where the contract schemas are; default: the copy beside the app.</summary>
    public string? ContractsDirectory { get; set; }

    /// <summary>Where the reference data is; default: <c>../shared/data</c> beside the checkout.</summary>
    public string? ReferenceDataDirectory { get; set; }
}
