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

    /// <summary>Per department and feed, when a batch is expected and how small a batch is anomalous
    /// (<c>DepartmentExchange:Feeds:{department}:{feed}:Due</c>, …). Defaults: tax wage withholding monthly by the end of the
    /// 15th; education's roster weekly (by Monday 00:00) from June to December.</summary>
    public Dictionary<string, Dictionary<string, FeedExpectation>> Feeds { get; set; } = new(StringComparer.Ordinal)
    {
        ["tax"] = new(StringComparer.Ordinal) { ["wage-withholding"] = new FeedExpectation { Due = "0 0 0 16 * *" } },
        ["edu"] = new(StringComparer.Ordinal) { ["graduate-roster"] = new FeedExpectation { Due = "0 0 0 * 6-12 1" } },
    };

    /// <summary>A batch smaller than this share of the median of the feed's last <see cref="AnomalyHistory"/> batches is
    /// anomalous, for feeds whose <see cref="Feeds"/> entry says nothing else.</summary>
    public double AnomalousBelow { get; set; } = 0.5;

    public int AnomalyHistory { get; set; } = 6;

    /// <summary>A monitored employer's separations in a month reaching this many persons raise a layoff warning.</summary>
    public int LayoffPersons { get; set; } = 30;

    /// <summary>…or reaching this share of the previous month's headcount, when that headcount is at least
    /// <see cref="LayoffShareFromHeadcount"/>.</summary>
    public double LayoffShare { get; set; } = 0.10;

    public int LayoffShareFromHeadcount { get; set; } = 50;

    /// <summary>The feeds (<c>department/feed</c>, records with a <c>period</c> month) without which a month's regional indicators
    /// are <c>incomplete</c>: unset, tax's wage withholding (<see cref="IndicatorFeedsOrDefault"/>; a default list would be
    /// appended to, not replaced, by the configured one).</summary>
    public List<string>? IndicatorFeeds { get; set; }

    public IReadOnlyList<string> IndicatorFeedsOrDefault => IndicatorFeeds ?? ["tax/wage-withholding"];

    /// <summary>Persons compared per transaction.</summary>
    public int ChunkSize { get; set; } = 200;
}

/// <summary>What the hub expects of one feed: a batch by each time <see cref="Due"/> fires (cron in China time; none: no
/// schedule), and batches no smaller than <see cref="AnomalousBelow"/> of the median of the last <see cref="History"/>.</summary>
public sealed class FeedExpectation
{
    public string? Due { get; set; }

    public double? AnomalousBelow { get; set; }

    public int? History { get; set; }
}
