using IntegrationHub.Labor;
using IntegrationHub.Labor.Published;

namespace IntegrationHub.Flows.Exchange.Indicators;

/// <summary>The regional monthly indicators (就业失业月度指标) per district: employed, newly employed, registered unemployed,
/// registrations opened and closed, zero-employment households, difficulty persons.</summary>
/// <remarks>Labor's facts are read through <see cref="RegionalFacts"/>; whether the month is complete through intake's
/// <c>stored_record</c> view: each of <see cref="ExchangeFlowOptions.IndicatorFeeds"/> must have stored a record whose
/// <c>period</c> is the month, or the month is <c>incomplete</c> and nothing is counted (a zero would read as nobody employed).</remarks>
public sealed class MonthlyIndicators(NpgsqlDataSource dataSource, IOptions<ExchangeFlowOptions> options)
{
    public async Task<MonthlyIndicatorReport> ComputeAsync(Month month, string? region, string by, CancellationToken cancellationToken)
    {
        if (!IndicatorDistricts.All.Contains(by))
        {
            throw new ArgumentOutOfRangeException(nameof(by), by, "hukou or registration");
        }

        var missing = await MissingFeedsAsync(month, cancellationToken);
        if (missing.Count > 0)
        {
            return new MonthlyIndicatorReport(month.ToString(), region, by, MonthlyIndicatorReport.Incomplete, missing, null, []);
        }

        var tally = new IndicatorTally(month, region, by);
        await foreach (var fact in RegionalFacts.ReadAsync(dataSource, month, region, by == IndicatorDistricts.Registration, cancellationToken))
        {
            tally.Add(fact);
        }

        var (total, districts) = tally.Finish();
        return new MonthlyIndicatorReport(month.ToString(), region, by, MonthlyIndicatorReport.Complete, [], total, districts);
    }

    /// <summary>The indicator feeds (<c>department/feed</c>) that have stored no record of the month.</summary>
    public async Task<List<string>> MissingFeedsAsync(Month month, CancellationToken cancellationToken)
    {
        var missing = new List<string>();
        foreach (var feed in options.Value.IndicatorFeedsOrDefault)
        {
            var (department, name) = IndicatorFeed.Split(feed);
            await using var command = dataSource.CreateCommand("""
                SELECT EXISTS (SELECT 1 FROM stored_record WHERE department = @d AND feed = @f AND payload ->> 'period' = @m)
                """);
            command.Parameters.AddWithValue("d", department);
            command.Parameters.AddWithValue("f", name);
            command.Parameters.AddWithValue("m", month.ToString());
            if (!(bool)(await command.ExecuteScalarAsync(cancellationToken))!)
            {
                missing.Add(feed);
            }
        }

        return missing;
    }
}
