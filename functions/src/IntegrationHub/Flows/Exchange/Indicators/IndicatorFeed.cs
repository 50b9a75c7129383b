namespace IntegrationHub.Flows.Exchange.Indicators;

/// <summary>The feeds a month's indicators stand on (<c>DepartmentExchange:IndicatorFeeds</c>, each <c>department/feed</c>,
/// a feed whose records carry a <c>period</c> month), checked at start.</summary>
public static class IndicatorFeed
{
    public static (string Department, string Feed) Split(string feed)
    {
        var slash = feed.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (feed, "") : (feed[..slash], feed[(slash + 1)..]);
    }

    /// <summary>Throws <see cref="ExchangeConfigurationException"/> naming the entry that is not a department's feed.</summary>
    public static void Check(IReadOnlyList<string> feeds)
    {
        for (var i = 0; i < feeds.Count; i++)
        {
            var (department, feed) = Split(feeds[i]);
            if (!Departments.All.Contains(department) || feed.Length is 0 or > 64
                || !feed.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                throw new ExchangeConfigurationException($"{ExchangeFlowOptions.Section}:IndicatorFeeds:{i}",
                    $"'{feeds[i]}' is not department/feed with a department of {Departments.Listed}");
            }
        }
    }
}
