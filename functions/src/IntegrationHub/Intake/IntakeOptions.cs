namespace IntegrationHub.Intake;

public sealed class IntakeOptions
{
    public const string Section = "Intake";

    /// <summary>Largest <c>application/json</c> body; larger batches must be streamed as NDJSON.</summary>
    public long MaxJsonBodyBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>Most records one batch may hold, in either format.</summary>
    public int MaxRecordsPerBatch { get; set; } = 5_000_000;

    /// <summary>Records written per transaction. A crash loses at most the chunk in flight, which a re-send redoes.</summary>
    public int ChunkSize { get; set; } = 4000;

    /// <summary>Unified social credit codes admitted despite a bad check character: the early pilot codes.</summary>
    public List<string> CreditCodeExceptions { get; set; } = [];

    /// <summary>Where the contract schemas are; default: the copy beside the app.</summary>
    public string? ContractsDirectory { get; set; }

    /// <summary>Where the reference data is; default: <c>../shared/data</c> beside the checkout.</summary>
    public string? ReferenceDataDirectory { get; set; }
}
