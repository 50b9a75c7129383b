using IntegrationHub.Flows.Exchange.Delivery;

namespace IntegrationHub.Flows.Exchange.Feeds;

/// <summary>The feeds' expectations (<c>DepartmentExchange:Feeds</c>), checked once: a department that does not exist, a
/// feed name that cannot be one, a malformed due schedule or a share outside (0, 1) throws
/// <see cref="ExchangeConfigurationException"/> naming the key.</summary>
public sealed class FeedSchedules
{
    private readonly TimeSpan offset;

    public FeedSchedules(IOptions<ExchangeFlowOptions> options, IOptions<CalendarOptions> calendar)
    {
        offset = calendar.Value.UtcOffset;
        var settings = options.Value;
        Check($"{ExchangeFlowOptions.Section}:AnomalousBelow", settings.AnomalousBelow, settings.AnomalyHistory);
        foreach (var (department, feeds) in settings.Feeds)
        {
            if (!Departments.All.Contains(department))
            {
                throw new ExchangeConfigurationException($"{ExchangeFlowOptions.Section}:Feeds:{department}",
                    $"'{department}' is not a department ({Departments.Listed})");
            }

            foreach (var (feed, expectation) in feeds)
            {
                var key = $"{ExchangeFlowOptions.Section}:Feeds:{department}:{feed}";
                if (feed.Length is 0 or > 64 || !feed.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
                {
                    throw new ExchangeConfigurationException(key, $"'{feed}' is not a feed name");
                }

                var share = expectation.AnomalousBelow ?? settings.AnomalousBelow;
                var history = expectation.History ?? settings.AnomalyHistory;
                Check(key + ":AnomalousBelow", share, history);
                Expected.Add(new ExpectedFeed(department, feed,
                    expectation.Due is null ? null : DeliverySchedules.Parse(key + ":Due", expectation.Due), share, history));
            }
        }
    }

    public List<ExpectedFeed> Expected { get; } = [];

    public TimeSpan UtcOffset => offset;

    /// <summary>The share and history for a feed without an entry of its own.</summary>
    public (double Share, int History) DefaultsFor(string department, string feed, IOptions<ExchangeFlowOptions> options) =>
        Expected.FirstOrDefault(e => e.Department == department && e.Feed == feed) is { } expected
            ? (expected.AnomalousBelow, expected.History)
            : (options.Value.AnomalousBelow, options.Value.AnomalyHistory);

    private static void Check(string key, double share, int history)
    {
        if (share is <= 0 or >= 1 || double.IsNaN(share))
        {
            throw new ExchangeConfigurationException(key, $"{share} is not a share between 0 and 1");
        }

        if (history is < 1 or > 100)
        {
            throw new ExchangeConfigurationException(key.Replace(":AnomalousBelow", ":History", StringComparison.Ordinal),
                $"{history} batches is not a history from 1 to 100");
        }
    }
}

/// <summary>One feed's expectations, parsed.</summary>
public sealed record ExpectedFeed(string Department, string Feed, CronSchedule? Due, double AnomalousBelow, int History);
