using IntegrationHub.Flows.Exchange.Findings;
using IntegrationHub.Flows.Exchange.Indicators;
using IntegrationHub.Labor;

namespace IntegrationHub.Handler.Cli;

/// <summary><c>./hub bench exchange</c>: after labor has derived every person's facts, marks every person for comparison and
/// times the comparisons until none is left (this process's worker and, if it runs, the hub's timer together), then times the
/// monthly indicators of the last twelve months; beside each, the ceiling of the machine measured in the same run (PostgreSQL
/// reading the same rows in one plain query) and the ratio.</summary>
public static class ExchangeBenchCommand
{
    private const int IndicatorMonths = 12;

    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        await WaitForLaborAsync(dataSource, output, cancellationToken);
        await using (var mark = dataSource.CreateCommand("""
            INSERT INTO exchange_dirty (person_id, mark)
            SELECT person_id, pg_current_xact_id() FROM person WHERE merged_into IS NULL ORDER BY person_id
            ON CONFLICT (person_id) DO UPDATE SET mark = excluded.mark
            """))
        {
            var persons = await mark.ExecuteNonQueryAsync(cancellationToken);
            await output.WriteLineAsync($"exchange bench: {persons} persons marked for comparison");
        }

        var worker = services.GetRequiredService<FindingsWorker>();
        var clock = Stopwatch.StartNew();
        var compared = await worker.RunUntilIdleAsync(cancellationToken);
        while (await CountAsync(dataSource, "SELECT count(*) FROM exchange_dirty", cancellationToken) > 0)
        {
            // What another worker holds is left to it: wait until it is done too.
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            compared += await worker.RunUntilIdleAsync(cancellationToken);
        }

        var findingsSeconds = clock.Elapsed.TotalSeconds;
        var total = await CountAsync(dataSource, "SELECT count(*) FROM person WHERE merged_into IS NULL", cancellationToken);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"exchange bench: all findings of {total} persons computed in {findingsSeconds:F1} s ({total / Math.Max(findingsSeconds, 0.001):F0} persons/s; this process compared {compared})"));
        var findingsCeiling = await TimeAsync(() => ScanAsync(dataSource, BenchScans.Evidence, cancellationToken));
        await Figure(output, "findings", findingsSeconds, findingsCeiling, "one plain query reading every linked record's payload and every labor fact");
        await using (var rules = dataSource.CreateCommand(
            "SELECT rule_id, department, count(*) FILTER (WHERE open), count(*) FROM exchange_finding GROUP BY 1, 2 ORDER BY 1, 2"))
        await using (var reader = await rules.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                await output.WriteLineAsync($"exchange bench: {reader.GetString(0)} ({reader.GetString(1)}): {reader.GetInt64(2)} open of {reader.GetInt64(3)}");
            }
        }

        await IndicatorsAsync(services, dataSource, output, cancellationToken);
        return 0;
    }

    /// <summary>Times the indicators of each of the last twelve months, then the same number of plain scans of the facts.</summary>
    private static async Task IndicatorsAsync(IServiceProvider services, NpgsqlDataSource dataSource, TextWriter output,
        CancellationToken cancellationToken)
    {
        var indicators = services.GetRequiredService<MonthlyIndicators>();
        var thisMonth = Month.Of(services.GetRequiredService<HubCalendar>().Today);
        var complete = 0;
        var employed = new List<string>();
        var seconds = await TimeAsync(async () =>
        {
            for (var month = thisMonth.Plus(1 - IndicatorMonths); month <= thisMonth; month = month.Plus(1))
            {
                var report = await indicators.ComputeAsync(month, null, IndicatorDistricts.Hukou, cancellationToken);
                complete += report.Total is null ? 0 : 1;
                employed.Add($"{report.Month} {(report.Total is { } t ? t.Employed.ToString(CultureInfo.InvariantCulture) : "incomplete")}");
            }
        });
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"exchange bench: monthly indicators of {IndicatorMonths} months ({complete} complete) computed in {seconds:F1} s; employed: {string.Join(", ", employed)}"));
        var ceiling = await TimeAsync(async () =>
        {
            for (var i = 0; i < IndicatorMonths; i++)
            {
                await ScanAsync(dataSource, BenchScans.Facts, cancellationToken);
            }
        });
        await Figure(output, "indicators", seconds, ceiling, $"{IndicatorMonths} plain queries reading the facts the indicators read");
    }

    private static async Task WaitForLaborAsync(NpgsqlDataSource dataSource, TextWriter output, CancellationToken cancellationToken)
    {
        for (var waited = 0; await CountAsync(dataSource, "SELECT count(*) FROM labor_dirty", cancellationToken) is var left and > 0; waited++)
        {
            if (waited % 30 == 0)
            {
                await output.WriteLineAsync($"exchange bench: waiting for the hub's labor worker ({left} persons to derive)");
            }

            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        }
    }

    private static Task Figure(TextWriter output, string what, double seconds, double ceiling, string how) =>
        output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"exchange bench: {what} {seconds:F2} s, ceiling {ceiling:F2} s ({how}), ratio {seconds / Math.Max(ceiling, 0.001):F1}"));

    private static async Task<double> TimeAsync(Func<Task> work)
    {
        var clock = Stopwatch.StartNew();
        await work();
        return clock.Elapsed.TotalSeconds;
    }

    private static async Task ScanAsync(NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            // Each row crosses to this process, as the computation's rows do.
        }
    }

    private static async Task<long> CountAsync(NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}

/// <summary>The plain queries of the bench's ceilings: the rows the computations read, read once without computing.</summary>
internal static class BenchScans
{
    /// <summary>What comparing every person reads: each linked record's current payload and each labor fact.</summary>
    public const string Evidence = """
        SELECT l.person_id, s.payload::text FROM person_link l
        JOIN stored_record s ON s.department = l.department AND s.feed = l.feed AND s.record_id = l.record_id AND s.version = l.version
        UNION ALL
        SELECT person_id, data::text FROM labor_fact
        """;

    /// <summary>What one month's indicators read: the facts with the person's hukou region and household.</summary>
    public const string Facts = """
        SELECT f.person_id, p.golden -> 'hukouRegion' ->> 'value', lp.household_number, f.kind, f.data::text
        FROM labor_fact f JOIN person p ON p.person_id = f.person_id AND p.merged_into IS NULL
        LEFT JOIN labor_person lp ON lp.person_id = f.person_id
        """;
}
