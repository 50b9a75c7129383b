namespace IntegrationHub.Flows.Exchange;

/// <summary>The department exchange flow's settings (section <c>DepartmentExchange</c>).</summary>
/// <remarks>Schedules are NCRONTAB (<c>second minute hour day month day-of-week</c>) read in China time
/// (<c>Calendar:UtcOffset</c>); they are checked at start, and a malformed one refuses the start naming its key.</remarks>
public sealed class ExchangeFlowOptions
{
    public const string Section = "DepartmentExchange";

    /// <summary>The schedule of a department's deliveries when <see cref="Deliveries"/> names none: nightly at 02:00.</summary>
    public const string DefaultDelivery = "0 0 2 * * *";

    /// <summary>Where the comparison rules are (one <c>{id}.json</c> each and their schema); default: <c>contracts/comparison-rules</c>
    /// found above the app.</summary>
    public string? RulesDirectory { get; set; }

    /// <summary>The outbox folder: a department's files go to <c>{Outbox}/{department}/findings/</c>; default
    /// <c>{Exchange:Root}/outbox</c>.</summary>
    public string? Outbox { get; set; }

    /// <summary>Per department, when its files are delivered (cron in China time); missing: <see cref="DefaultDelivery"/>.</summary>
    public Dictionary<string, string> Deliveries { get; set; } = [];

    /// <summary>A delivery that failed (say, its folder is not writable) is tried again after this, then twice as long, and so
    /// on up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A scheduled file reaches the findings changed up to this long before it is written: a comparison whose
    /// transaction was still committing then (its change time is when it began) goes into the next file instead of being
    /// missed. <c>./hub exchange run</c> compares first itself and does not wait.</summary>
    public TimeSpan SettleMargin { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Persons compared per transaction.</summary>
    public int ChunkSize { get; set; } = 200;
}
