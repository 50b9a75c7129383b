using IntegrationHub.Bench.Events;
using IntegrationHub.Bench.Generation;
using IntegrationHub.Bench.Scoring;

namespace IntegrationHub.Bench;

/// <summary>The bench's command line: reads the command and its options and runs it.</summary>
public static class BenchCommandLine
{
    public const string IntakeUsage = """
          intake [--records N] [--seed S] [--parallel 1|2] [--feed DEPT/FEED] --url URL --credentials FILE [--hub-pid PID]
            --records   records to send across the seven feeds (default 200000)
            --seed      makes the generated records reproducible (default 1)
            --feed      send every record to this one feed as a single batch (e.g. tax/wage-withholding)
            --parallel  batches sent at once (default 2: measured 10-20% faster than one at a time on the 2-core hub machine)
        """;

    public const string IncrementalUsage = """
          incremental [--rate R] [--seconds S] [--warmup W] [--seed S] [--timeline FILE] --url URL --credentials FILE
            --database CONNECTION [--hub-pid PID]
            single-record tax batches at R per second (default 200) for S seconds (default 30), after W seconds at that rate that
            are not measured (default 30: the hub's JIT compiler is busy for its first tens of thousands of requests);
            p50/p99 from send to linked
        """;

    public static string Usage { get; } = $"""
        usage: IntegrationHub.Bench COMMAND
        {IntakeUsage}
        {EventsBenchmark.Usage}
        {Graduates.GraduatesBenchmark.Usage}
        {Abuse.AbuseBenchmark.Usage}
        {Transfers.TransferBenchmark.Usage}
        {GenerateCommand.Usage}
        {ScoreCommand.Usage}
        {IncrementalUsage}
        """;

    /// <summary>The usage of one command, or of them all for anything else.</summary>
    public static string CommandUsage(string command) => command switch
    {
        "intake" => $"usage: IntegrationHub.Bench\n{IntakeUsage}",
        "events" => $"usage: IntegrationHub.Bench\n{EventsBenchmark.Usage}",
        "graduates" => $"usage: IntegrationHub.Bench\n{Graduates.GraduatesBenchmark.Usage}",
        "abuse" => $"usage: IntegrationHub.Bench\n{Abuse.AbuseBenchmark.Usage}",
        "transfer" => $"usage: IntegrationHub.Bench\n{Transfers.TransferBenchmark.Usage}",
        "incremental" => $"usage: IntegrationHub.Bench\n{IncrementalUsage}",
        "generate" => $"usage: IntegrationHub.Bench\n{GenerateCommand.Usage}",
        "score" => $"usage: IntegrationHub.Bench\n{ScoreCommand.Usage}",
        _ => Usage,
    };

    /// <summary>Whether the command stops cleanly when its cancellation token is cancelled (the intake and incremental benchmarks).</summary>
    public static bool StopsOnCancel(IReadOnlyList<string> args) => args is ["intake" or "incremental", ..];

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        // Help wins wherever it stands: ./hub adds the hub's options after the user's, so "--help" is rarely last.
        if (args.Any(a => a is "--help" or "-h"))
        {
            await output.WriteLineAsync(CommandUsage(args[0]));
            return 0;
        }

        switch (args.Length == 0 ? "" : args[0])
        {
            case "generate": return GenerateCommand.Run(args[1..], output, error);
            case "score": return ScoreCommand.Run(args[1..], output, error);
            case "intake": break;
            case "events": return await RunEventsAsync(args[1..], output, error);
            case "graduates": return await RunGraduatesAsync(args[1..], output, error, cancellationToken);
            case "abuse": return await Abuse.AbuseBenchmark.RunAsync(args[1..]);
            case "transfer": return await Transfers.TransferBenchmark.RunAsync(args[1..]);
            case "incremental": break;
            default:
                await error.WriteLineAsync(Usage);
                return 2;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 == args.Length)
            {
                await error.WriteLineAsync($"bench: unexpected argument '{args[i]}'\n{Usage}");
                return 2;
            }

            values[args[i][2..]] = args[++i];
        }

        string? Value(string name) => values.Remove(name, out var value) ? value : null;

        int? Number(string name, int min)
        {
            var text = Value(name);
            if (text is null)
            {
                return null;
            }

            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min
                ? number
                : throw new ArgumentException($"--{name} must be a whole number of at least {min}, not '{text}'");
        }

        if (args[0] == "incremental")
        {
            return await RunParsedAsync(() => new IncrementalOptions(
                Rate: Number("rate", 1) ?? 200,
                Seconds: Number("seconds", 1) ?? 30,
                WarmupSeconds: Number("warmup", 0) ?? 30,
                Seed: Number("seed", 0) ?? 1,
                Url: new Uri(Value("url") ?? throw new ArgumentException("--url is required")),
                CredentialsPath: Value("credentials") ?? throw new ArgumentException("--credentials is required"),
                Database: Value("database") ?? throw new ArgumentException("--database is required"),
                HubPid: Number("hub-pid", 1),
                TimelinePath: Value("timeline")), incremental => new IncrementalBenchmark(incremental).RunAsync(output, cancellationToken));
        }

        return await RunParsedAsync(() => new BenchOptions(
            Records: Number("records", 1) ?? 200_000,
            Seed: Number("seed", 0) ?? 1,
            Url: new Uri(Value("url") ?? throw new ArgumentException("--url is required")),
            CredentialsPath: Value("credentials") ?? throw new ArgumentException("--credentials is required"),
            HubPid: Number("hub-pid", 1),
            Parallel: Number("parallel", 1) ?? 2,
            Feed: Value("feed")), options => new IntakeBenchmark(options).RunAsync(output, cancellationToken));

        // Options that do not parse, or are left over, print the usage and exit 2 before anything runs.
        async Task<int> RunParsedAsync<TOptions>(Func<TOptions> parse, Func<TOptions, Task<int>> run)
        {
            TOptions parsed;
            try
            {
                parsed = parse();
                if (values.Count > 0)
                {
                    throw new ArgumentException($"unknown option --{values.Keys.First()}");
                }
            }
            catch (Exception exception) when (exception is ArgumentException or UriFormatException)
            {
                await error.WriteLineAsync($"bench: {exception.Message}\n{Usage}");
                return 2;
            }

            return await run(parsed);
        }
    }

    private static async Task<int> RunGraduatesAsync(string[] arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < arguments.Length; i += 2)
        {
            named[arguments[i].TrimStart('-')] = arguments[i + 1];
        }

        int Whole(string key, int fallback) => named.TryGetValue(key, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
        if (!named.TryGetValue("url", out var url) || !named.TryGetValue("credentials", out var credentials)
            || !named.TryGetValue("database", out var database))
        {
            await error.WriteLineAsync("bench graduates: --url, --credentials and --database are required");
            return 2;
        }

        return await new Graduates.GraduatesBenchmark(new Uri(url), credentials, database, Whole("graduates", 100_000), Whole("records", 1_000_000),
            Whole("seed", 1), Whole("batch", 20_000)).RunAsync(output, cancellationToken);
    }

    // The events bench deletes its subscription at the end, so it is not cancelled half-way.
    private static async Task<int> RunEventsAsync(string[] arguments, TextWriter output, TextWriter error)
    {
        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < arguments.Length; i += 2)
        {
            named[arguments[i].TrimStart('-')] = arguments[i + 1];
        }

        int Whole(string key, int fallback) => named.TryGetValue(key, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
        if (!named.TryGetValue("url", out var url) || !named.TryGetValue("credentials", out var credentials))
        {
            await error.WriteLineAsync("bench events: --url and --credentials are required");
            return 2;
        }

        return await new EventsBenchmark(new Uri(url), credentials, named.GetValueOrDefault("database"),
            Whole("persons", 20_000), Whole("batch", 1_000), Whole("seed", 1), Whole("events", 20_000), Whole("rate", 2_000),
            Whole("sink-delay", 0))
            .RunAsync(output, CancellationToken.None);
    }
}
