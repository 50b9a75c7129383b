namespace IntegrationHub.Bench;

/// <summary>
/// The incremental case: single-record tax batches sent at a fixed rate (open loop: each on its schedule, whether or not
/// earlier ones have been answered), and for each the time from sending it to its record being linked. "Linked" is read
/// from the hub's database: the batch's linked_through cursor has reached its stored_through and none of its records waits
/// for the probabilistic matcher (a deferred record has no person yet). The watcher looks in its next round after the
/// reply arrives and then with each later reply or every 10 ms, so a batch left to the LinkRecords timer is measured until
/// the timer links it.
/// </summary>
public sealed class IncrementalBenchmark(IncrementalOptions options)
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    public async Task<int> RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var tokens = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(options.CredentialsPath, cancellationToken))!;
        var feed = BenchFeed.All.Single(f => f.Feed == "wage-withholding");
        var runTag = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var generator = new RecordGenerator(feed, new Population(options.Seed, 20_000), options.Seed, "i" + runTag);
        var extractedAt = DateTimeOffset.UtcNow.ToOffset(ChinaStandardTime).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
        var total = options.Rate * options.Seconds;
        var bodies = Enumerable.Range(0, total).Select(i => Body($"inc-{runTag}-{i}", extractedAt, generator, i)).ToArray();

        // The watcher's one statement is an index lookup whatever the batch ids: planned once, not on every round.
        await using var database = NpgsqlDataSource.Create(
            new NpgsqlConnectionStringBuilder(options.Database) { Options = "-c plan_cache_mode=force_generic_plan" }.ConnectionString);
        await using var watcher = new LinkWatcher(database, "tax");
        watcher.Start();
        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan, MaxConnectionsPerServer = 1000 })
        {
            BaseAddress = options.Url,
            Timeout = TimeSpan.FromSeconds(60),
        };
        await WarmUpAsync(http, tokens["tax"], extractedAt, runTag, cancellationToken);
        if (options.WarmupSeconds > 0)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"incremental bench: warming up with {options.Rate * options.WarmupSeconds} batches at {options.Rate}/s (not measured)"));
            var warmGenerator = new RecordGenerator(feed, new Population(options.Seed + 2, 20_000), options.Seed + 2, "x" + runTag);
            var warmBodies = Enumerable.Range(0, options.Rate * options.WarmupSeconds)
                .Select(i => Body($"inc-warmup-{runTag}-{i}", extractedAt, warmGenerator, i)).ToArray();
            // The warm-up watches its batches being linked as the measurement does, so that the bench's own code for it is
            // compiled and tiered up before the measurement: cold, it took most of a core for the measurement's first seconds.
            await SendAtRateAsync(http, tokens["tax"], feed, warmBodies, async (batchId, _, reply) =>
            {
                if (reply is not null)
                {
                    await watcher.WaitAsync(batchId).WaitAsync(cancellationToken);
                }
            }, cancellationToken);
        }

        using var sampler = options.HubPid is { } pid ? new MemorySampler(pid) : null;
        var linked = new ConcurrentBag<double>();
        var timeline = new ConcurrentBag<(double SentSeconds, double LinkedMilliseconds)>();
        var replied = new ConcurrentBag<double>();
        var afterReply = 0;
        var failures = new ConcurrentBag<string>();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"incremental bench: {total} single-record batches at {options.Rate}/s for {options.Seconds} s to {options.Url}"));
        sampler?.Start();
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var sending = await SendAtRateAsync(http, tokens["tax"], feed, bodies, async (batchId, sent, reply) =>
        {
            if (reply is null)
            {
                failures.Add(batchId);
                return;
            }

            replied.Add((reply.Value - sent).TotalMilliseconds);
            var polls = await watcher.WaitAsync(batchId).WaitAsync(cancellationToken);
            var confirmed = clock.Elapsed;
            var latency = ((polls == 0 ? reply.Value : confirmed) - sent).TotalMilliseconds;
            linked.Add(latency);
            timeline.Add((sent.TotalSeconds, latency));
            if (polls > 0)
            {
                Interlocked.Increment(ref afterReply);
            }
        }, cancellationToken, clock);
        var memory = sampler is null ? null : await sampler.StopAsync();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  sent {total} in {sending.TotalSeconds:F1} s ({total / sending.TotalSeconds:F0}/s), {failures.Count} failed, "
            + $"{afterReply} linked only after the reply (by the timer)"));
        output.WriteLine($"  send -> linked: {LatencySummary.Of(linked)}");
        output.WriteLine($"  send -> reply:  {LatencySummary.Of(replied)}");
        if (memory is not null)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  hub memory: peak RSS {memory.PeakRssKb / 1024} MB"));
        }

        if (options.TimelinePath is { } path)
        {
            await File.WriteAllLinesAsync(path, timeline.OrderBy(t => t.SentSeconds)
                .Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.SentSeconds:F3} {t.LinkedMilliseconds:F1}"))
                .Prepend($"# started {started:O}; seconds from then at send, milliseconds from send to linked"), cancellationToken);
        }

        foreach (var failure in failures.Take(10))
        {
            output.WriteLine($"FAILED {failure}");
        }

        return failures.IsEmpty ? 0 : 1;
    }

    /// <summary>
    /// Sends the bodies open loop at the configured rate (each on its schedule, whether or not earlier ones have been
    /// answered) and calls <paramref name="answered"/> with each batch's send time and reply time (null when it failed);
    /// returns how long sending took, once every batch has been answered and handled.
    /// </summary>
    private async Task<TimeSpan> SendAtRateAsync(HttpClient http, string token, BenchFeed feed, (string BatchId, byte[] Body)[] bodies,
        Func<string, TimeSpan, TimeSpan?, Task> answered, CancellationToken cancellationToken, Stopwatch? clock = null)
    {
        clock ??= Stopwatch.StartNew();
        var inFlight = new List<Task>(bodies.Length);
        for (var i = 0; i < bodies.Length; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / options.Rate);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, cancellationToken);
            }

            var (batchId, body) = bodies[i];
            inFlight.Add(Task.Run(async () =>
            {
                var sent = clock.Elapsed;
                TimeSpan? reply = null;
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/feeds/{feed.Path}", UriKind.Relative))
                    {
                        Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
                    };
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    using var response = await http.SendAsync(request, cancellationToken);
                    if (response.IsSuccessStatusCode)
                    {
                        reply = clock.Elapsed;
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                {
                }

                try
                {
                    await answered(batchId, sent, reply);
                }
                catch (NpgsqlException)
                {
                    await answered(batchId, sent, null);
                }
            }, cancellationToken));
        }

        var sending = clock.Elapsed;
        await Task.WhenAll(inFlight);
        return sending;
    }

    /// <summary>A few batches first, so that JIT compilation and connection set-up are not counted.</summary>
    private async Task WarmUpAsync(HttpClient http, string token, string extractedAt, string runTag, CancellationToken cancellationToken)
    {
        var generator = new RecordGenerator(BenchFeed.All.Single(f => f.Feed == "wage-withholding"), new Population(options.Seed + 1, 1_000),
            options.Seed + 1, "w" + runTag);
        for (var i = 0; i < 50; i++)
        {
            var (_, body) = Body($"inc-warm-{runTag}-{i}", extractedAt, generator, i);
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/feeds/tax/wage-withholding", UriKind.Relative))
            {
                Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request, cancellationToken);
        }
    }

    private static (string BatchId, byte[] Body) Body(string batchId, string extractedAt, RecordGenerator generator, int index)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("batchId", batchId);
            writer.WriteString("schemaVersion", "1");
            writer.WriteString("extractedAt", extractedAt);
            writer.WriteString("region", "500000");
            writer.WritePropertyName("records");
            writer.WriteStartArray();
            generator.Write(writer, index);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return (batchId, buffer.WrittenSpan.ToArray());
    }
}
