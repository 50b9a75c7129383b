namespace IntegrationHub.Intake.Exchange;

public sealed class ExchangeOptions
{
    public const string Section = "Exchange";

    /// <summary>The exchange folder: departments drop files in <c>inbox/{department}/{feed}/</c>.</summary>
    public string Root { get; set; } = "exchange";

    /// <summary>A file is taken only when it has not been written to for this long: one still being copied is left alone.</summary>
    /// <remarks>A second guard: the convention is to write under a <c>*.part</c> or dot-file name and rename when complete.</remarks>
    public TimeSpan StableFor { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many times a file is tried when it fails on a cause that may pass (database down, an unexpected error).</summary>
    /// <remarks>
    /// The last failure sends it to <c>failed/</c> with the reason: a cause that looks transient may be permanent (a record
    /// the database refuses every time), and retrying for ever would hide it from the department.
    /// </remarks>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The wait before a file's second attempt; it doubles for each further one (2, 4, 8, 16 minutes by default).</summary>
    /// <remarks>With the defaults a file gives up about half an hour after its first failure: a database restart or a short
    /// outage passes unnoticed; a longer one sends the files to <c>failed/</c>, from where moving them back retries them.</remarks>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Whether a file is taken only once its manifest <c>{file}.done</c> is beside it.</summary>
    /// <remarks>A manifest is honoured whenever it is present: if it holds a SHA-256 (as <c>sha256sum</c> prints it), the file
    /// must match it. This option makes the manifest mandatory for every file.</remarks>
    public bool RequireDoneManifest { get; set; }
}
