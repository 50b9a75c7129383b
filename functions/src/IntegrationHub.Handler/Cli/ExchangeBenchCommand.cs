using System.Diagnostics;
using System.Globalization;
using IntegrationHub.Flows.Exchange.Findings;
using Npgsql;

namespace IntegrationHub.Handler.Cli;

/// <summary><c>./hub bench exchange</c>: marks every person for comparison and times the comparisons until none is left
/// (this process's worker and, if it runs, the hub's timer together); prints persons, seconds, persons per second and the
/// open findings by rule.</summary>
public static class ExchangeBenchCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
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

        var seconds = clock.Elapsed.TotalSeconds;
        var total = await CountAsync(dataSource, "SELECT count(*) FROM person WHERE merged_into IS NULL", cancellationToken);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"exchange bench: all findings of {total} persons computed in {seconds:F1} s ({total / Math.Max(seconds, 0.001):F0} persons/s; this process compared {compared})"));
        await using var rules = dataSource.CreateCommand(
            "SELECT rule_id, department, count(*) FILTER (WHERE open), count(*) FROM exchange_finding GROUP BY 1, 2 ORDER BY 1, 2");
        await using var reader = await rules.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            await output.WriteLineAsync($"exchange bench: {reader.GetString(0)} ({reader.GetString(1)}): {reader.GetInt64(2)} open of {reader.GetInt64(3)}");
        }

        return 0;
    }

    private static async Task<long> CountAsync(NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
