using IntegrationHub.Flows.Policy.Decisions;

namespace IntegrationHub.Handler.Cli;

/// <summary>
/// <c>./hub bench policy</c>, on the running hub's database after a full load: (1) every decision made again from scratch
/// (all decisions deleted, every person and employer marked, the policy worker run until nothing is left), against the
/// time a plain query takes to read every fact the decider reads; (2) the latency from a record's arrival to its
/// <c>policy.*</c> event at a steady rate (<see cref="PolicyLatencyBench"/>), against the intake reply latency.
/// </summary>
/// <remarks>Deciding from scratch announces every eligible decision again (as a new catalogue version would): run it on a
/// bench database.</remarks>
public static class PolicyBenchCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var options = PolicyLatencyBench.Options.Parse(args);
        if (options is null)
        {
            await Console.Error.WriteLineAsync("usage: ./hub bench policy [--rate 200] [--seconds 20] [--wait 120]");
            return 2;
        }

        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        var ceiling = await ReadAllFactsAsync(dataSource, cancellationToken);
        var (subjects, decided) = await DecideAllAsync(dataSource, services.GetRequiredService<PolicyWorker>(), cancellationToken);
        var decisions = await CountAsync(dataSource, "SELECT count(*) FROM policy_decision", cancellationToken);
        var eligible = await CountAsync(dataSource, "SELECT count(*) FROM policy_decision WHERE eligible", cancellationToken);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"""
            policy bench: decide all from scratch: {subjects} subjects, {decisions} decisions ({eligible} eligible) in {decided.TotalSeconds:F1} s ({subjects / Math.Max(decided.TotalSeconds, 0.001):F0} subjects/s)
            policy bench: ceiling, a plain read of every fact the decider reads: {ceiling.TotalSeconds:F1} s; ratio {decided / ceiling:F1}
            """));
        return await PolicyLatencyBench.RunAsync(dataSource, services.GetRequiredService<TimeProvider>(), options, output, cancellationToken);
    }

    /// <summary>The labor facts, labor profiles, golden hukou regions and households, read and summed by PostgreSQL alone.</summary>
    private static async Task<TimeSpan> ReadAllFactsAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var command = dataSource.CreateCommand("""
            SELECT (SELECT sum(length(data::text) + length(sources::text) + length(fact_key)) FROM labor_fact),
                   (SELECT sum(length(coalesce(p.golden -> 'hukouRegion', 'null')::text) + coalesce(length(lp.household_number), 0)
                               + coalesce(length(h.sources::text), 0))
                    FROM person p LEFT JOIN labor_person lp ON lp.person_id = p.person_id
                    LEFT JOIN labor_household h ON h.household_number = lp.household_number WHERE p.merged_into IS NULL)
            """);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken);
        return clock.Elapsed;
    }

    private static async Task<(long Subjects, TimeSpan Elapsed)> DecideAllAsync(NpgsqlDataSource dataSource, PolicyWorker worker,
        CancellationToken cancellationToken)
    {
        long subjects;
        await using (var clear = dataSource.CreateCommand("DELETE FROM policy_decision"))
        {
            clear.CommandTimeout = 0;
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var mark = dataSource.CreateCommand("""
            INSERT INTO policy_dirty (subject_kind, subject_id, mark)
            SELECT kind, id, pg_current_xact_id() FROM (
                SELECT 'person' AS kind, person_id::text AS id FROM person WHERE merged_into IS NULL
                UNION
                SELECT 'employer', data ->> 'employerCreditCode' FROM labor_fact
                WHERE kind = 'employment' AND data ->> 'employerCreditCode' IS NOT NULL) s
            ORDER BY 1, 2
            ON CONFLICT (subject_kind, subject_id) DO UPDATE SET mark = excluded.mark
            """))
        {
            mark.CommandTimeout = 0;
            subjects = await mark.ExecuteNonQueryAsync(cancellationToken);
        }

        var clock = Stopwatch.StartNew();
        await worker.RunUntilIdleAsync(cancellationToken);
        while (await CountAsync(dataSource, "SELECT count(*) FROM policy_dirty", cancellationToken) > 0)
        {
            // What the hub's own timer holds is left to it: wait until it is done too.
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            await worker.RunUntilIdleAsync(cancellationToken);
        }

        return (subjects, clock.Elapsed);
    }

    internal static async Task<long> CountAsync(NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 0;
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
