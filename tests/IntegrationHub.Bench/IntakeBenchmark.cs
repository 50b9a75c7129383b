namespace IntegrationHub.Bench;

/// <summary>Sends generated records of the seven feeds to a running hub as NDJSON batches and reports throughput and hub memory.</summary>
public sealed class IntakeBenchmark(BenchOptions options)
{
    private const int ProblemsShown = 10;

    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    public async Task<int> RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var tokens = await ReadCredentialsAsync(cancellationToken);
        var counts = BenchFeed.Distribute(options.Records, options.Feed);
        var population = new Population(options.Seed, Math.Max(1_000, options.Records / 3));

        // Part of every recordId and batchId: a later run with the same seed sends new records, not corrections.
        var runTag = Base36(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var extractedAt = DateTimeOffset.UtcNow.ToOffset(ChinaStandardTime);

        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = options.Url,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        using var sampler = options.HubPid is { } pid ? new MemorySampler(pid) : null;
        var results = new FeedResult[BenchFeed.All.Count];

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"intake bench: sending {options.Records} records (seed {options.Seed}, run {runTag}) to {options.Url}, "
            + $"{options.Parallel} batch(es) at a time"));
        sampler?.Start();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, BenchFeed.All.Count).Where(i => counts[i] > 0),
            new ParallelOptions { MaxDegreeOfParallelism = options.Parallel, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var feed = BenchFeed.All[i];
                var generator = new RecordGenerator(feed, population, options.Seed, runTag);
                var batchId = string.Create(CultureInfo.InvariantCulture,
                    $"bench-{options.Seed}-{feed.Department}-{feed.Feed}-{runTag}");
                results[i] = await SendAsync(http, feed, tokens[feed.Department], batchId, extractedAt, generator, counts[i], token);
            });
        clock.Stop();
        var memory = sampler is null ? null : await sampler.StopAsync();
        return Report(output, results.Where(r => r is not null).ToArray(), clock.Elapsed, memory);
    }

    private static async Task<FeedResult> SendAsync(HttpClient http, BenchFeed feed, string token, string batchId,
        DateTimeOffset extractedAt, RecordGenerator generator, int count, CancellationToken cancellationToken)
    {
        using var content = new NdjsonBatchContent(batchId, extractedAt, generator, count);
        content.Headers.ContentType = new("application/x-ndjson");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/feeds/{feed.Path}") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.TransferEncodingChunked = true;
        var clock = Stopwatch.StartNew();
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        clock.Stop();
        if (!response.IsSuccessStatusCode)
        {
            return new FeedResult(feed, count, content.BytesWritten, clock.Elapsed, 0, 0, 0, 0, 0, [],
                $"HTTP {(int)response.StatusCode}: {body[..Math.Min(body.Length, 2_000)]}");
        }

        using var report = JsonDocument.Parse(body);
        var root = report.RootElement;
        var problems = root.GetProperty("records").EnumerateArray().Take(ProblemsShown).Select(p => p.GetRawText()).ToList();
        return new FeedResult(feed, count, content.BytesWritten, clock.Elapsed, root.GetProperty("received").GetInt32(),
            root.GetProperty("accepted").GetInt32(), root.GetProperty("rejected").GetInt32(), root.GetProperty("warnings").GetInt32(),
            root.GetProperty("unchanged").GetInt32(), problems, null);
    }

    private int Report(TextWriter output, FeedResult[] results, TimeSpan elapsed, MemorySample? memory)
    {
        var inv = CultureInfo.InvariantCulture;
        var accepted = results.Sum(r => r.Accepted);
        var megabytes = results.Sum(r => r.Bytes) / 1_048_576.0;
        output.WriteLine(string.Create(inv,
            $"intake bench: {options.Records} records in {results.Length} NDJSON batches ({megabytes:F0} MB), "
            + $"{elapsed.TotalSeconds:F1} s"));
        output.WriteLine(string.Create(inv,
            $"  accepted {accepted}, rejected {results.Sum(r => r.Rejected)}, warnings {results.Sum(r => r.Warnings)}, "
            + $"unchanged {results.Sum(r => r.Unchanged)}"));
        output.WriteLine(string.Create(inv,
            $"  throughput: {accepted / elapsed.TotalSeconds:F0} records/s accepted (wall clock, first byte sent to last report)"));
        if (memory is not null)
        {
            output.WriteLine(string.Create(inv,
                $"  hub memory: peak RSS {memory.PeakRssKb / 1024} MB (VmHWM {memory.HighWaterMarkKb / 1024} MB), "
                + $"before {memory.BeforeKb / 1024} MB ({memory.Samples} samples)"));
        }

        foreach (var result in results)
        {
            output.WriteLine(string.Create(inv,
                $"  {result.Feed.Path,-28} {result.Sent,9} records {result.Elapsed.TotalSeconds,7:F1} s "
                + $"{result.Sent / result.Elapsed.TotalSeconds,9:F0} records/s"));
        }

        var failed = false;
        foreach (var result in results)
        {
            var problem = result.Error
                ?? (result.Rejected > 0 ? $"{result.Rejected} records rejected" : null)
                ?? (result.Received != result.Sent ? $"the hub received {result.Received} records of {result.Sent} sent" : null);
            if (problem is not null)
            {
                failed = true;
                output.WriteLine($"FAILED {result.Feed.Path}: {problem}");
            }
            else if (result.Warnings > 0)
            {
                output.WriteLine(string.Create(inv, $"WARNING {result.Feed.Path}: {result.Warnings} records with warnings"));
            }

            foreach (var line in result.Problems)
            {
                output.WriteLine($"    {line}");
            }
        }

        return failed ? 1 : 0;
    }

    private async Task<Dictionary<string, string>> ReadCredentialsAsync(CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(options.CredentialsPath);
        var tokens = await JsonSerializer.DeserializeAsync<Dictionary<string, string>>(file, cancellationToken: cancellationToken)
            ?? throw new InvalidDataException($"{options.CredentialsPath} is not a JSON object");
        var missing = BenchFeed.All.Select(f => f.Department).Distinct().Where(d => !tokens.ContainsKey(d)).ToList();
        return missing.Count == 0
            ? tokens
            : throw new InvalidDataException($"{options.CredentialsPath} has no token for {string.Join(", ", missing)}");
    }

    private static string Base36(long value)
    {
        const string Digits = "0123456789abcdefghijklmnopqrstuvwxyz";
        var text = "";
        do
        {
            text = Digits[(int)(value % 36)] + text;
            value /= 36;
        }
        while (value > 0);

        return text;
    }
}
