namespace IntegrationHub.Handler.Cli;

/// <summary><c>./hub bench audit [--append N] [--new M]</c>: what a dashboard view costs to know the audit chain's status,
/// before (the whole chain walked) and now (only the seals added since the last check), against a ceiling: PostgreSQL handing
/// over the chain's rows without any hashing.</summary>
/// <remarks>On the running hub's database. <c>--append</c> adds N entries (actor <c>bench</c>, action <c>bench.audit-chain</c>)
/// first, to give the chain a size; <c>--new</c> adds M (1000) after the checkpoint, the seals a view then verifies. They stay:
/// the log is append-only.</remarks>
public static class AuditChainBenchCommand
{
    /// <summary>The bench's own options and the configuration arguments after them.</summary>
    public sealed record Options(int Append, int Fresh, string[] Rest);

    /// <summary>Reads <c>--append N</c> and <c>--new M</c> (in any order, each at most once) from the front of the arguments;
    /// null when a value is missing, not a whole number, or out of range.</summary>
    public static Options? ParseOptions(string[] args)
    {
        int append = 0, fresh = 1000, i = 0;
        while (i < args.Length && args[i] is "--append" or "--new")
        {
            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }

            if (args[i] == "--append")
            {
                append = value;
            }
            else if (value >= 1)
            {
                fresh = value;
            }
            else
            {
                return null;
            }

            i += 2;
        }

        return new Options(append, fresh, args[i..]);
    }

    public static async Task<int> RunAsync(IServiceProvider services, int append, int fresh, TextWriter output, CancellationToken cancellationToken)
    {
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        var watch = services.GetRequiredService<AuditChainWatch>();
        await AppendAsync(dataSource, append, cancellationToken);
        var entries = await ScalarAsync(dataSource, "SELECT count(*) FROM audit_seal", cancellationToken);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"audit bench: {entries} sealed entries (load average {LoadAverage()})"));

        // Best of three each, alternating, so that neither pays alone for a cold cache on a loaded machine.
        double ceiling = double.MaxValue, whole = double.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            ceiling = Math.Min(ceiling, await TimeAsync(() => PlainReadAsync(dataSource, cancellationToken)));
            whole = Math.Min(whole, await TimeAsync(() => AuditLog.VerifyAsync(dataSource, cancellationToken)));
        }

        await watch.VerifyAllAsync(cancellationToken);
        await AppendAsync(dataSource, fresh, cancellationToken);
        var incremental = await TimeAsync(() => watch.CheckAsync(cancellationToken));
        var status = await watch.CheckAsync(cancellationToken);

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"audit bench: plain read of the chain's rows (ceiling, best of 3): {ceiling:F3} s"));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"audit bench: whole walk (each dashboard view before, best of 3): {whole:F3} s, {whole / Math.Max(ceiling, 1e-6):F1}x the plain read"));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"audit bench: incremental check of {fresh} new seals (a dashboard view now): {incremental:F3} s, {whole / Math.Max(incremental, 1e-6):F0}x faster than the whole walk; chain {(status.BrokenSeq is null ? "intact" : "broken at " + status.BrokenSeq)}"));
        return 0;
    }

    private static async Task AppendAsync(NpgsqlDataSource dataSource, int count, CancellationToken cancellationToken)
    {
        if (count <= 0)
        {
            return;
        }

        await using (var insert = dataSource.CreateCommand("""
            INSERT INTO audit_log (at, actor, action, purpose, subject, detail)
            SELECT date_trunc('milliseconds', clock_timestamp()), 'bench', 'bench.audit-chain', 'benchmark', 'entry-' || i, json_build_object('i', i)
            FROM generate_series(1, @count) AS i
            """))
        {
            insert.Parameters.AddWithValue("count", count);
            insert.CommandTimeout = 0;
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        while (await ScalarAsync(dataSource, "SELECT count(*) FROM audit_log a WHERE NOT EXISTS (SELECT 1 FROM audit_seal s WHERE s.seq = a.seq)",
                   cancellationToken) > 0)
        {
            if (await AuditLog.SealAsync(dataSource, cancellationToken) == 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            }
        }
    }

    /// <summary>The rows the walk reads, read and dropped: what PostgreSQL and the connection need without the hashing.</summary>
    private static async Task PlainReadAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT s.position, s.seq, a.at, a.actor, a.action, a.purpose, a.subject, a.detail::text, s.prev_hash, s.hash, a.seq IS NULL
            FROM audit_seal s LEFT JOIN audit_log a ON a.seq = s.seq ORDER BY s.position
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var values = new object[11];
        while (await reader.ReadAsync(cancellationToken))
        {
            reader.GetValues(values);
        }
    }

    private static async Task<double> TimeAsync(Func<Task> work)
    {
        var clock = Stopwatch.StartNew();
        await work();
        return clock.Elapsed.TotalSeconds;
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
