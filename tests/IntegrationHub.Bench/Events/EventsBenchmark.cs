namespace IntegrationHub.Bench.Events;

/// <summary>
/// <c>./hub bench events</c>: subscribes a local webhook to person.created, sends household registrations of new persons
/// through intake (batch after batch, as fast as the hub takes them), lets the hub's own linking create the persons (the
/// trigger raises person.created at commit) and its own dispatcher deliver them, and measures events/s delivered and the
/// latency from each batch's intake reply, and from each event's commit, to its arrival at the webhook.
/// </summary>
public sealed class EventsBenchmark(Uri hub, string credentialsPath, string? database, int persons, int batchSize, int seed, int directEvents, int rate,
    int sinkDelay)
{
    public const string Usage = """
          events [--persons N] [--batch B] [--seed S] [--events N --rate R --database CONNECTION] [--sink-delay MS] --url URL --credentials FILE
            --persons   new persons to register through intake (default 20000), each one person.created event
            --batch     records per intake batch (default 1000)
            --events    events committed straight into the outbox, to time delivery alone (default 20000; needs --database)
            --rate      events/s committed in that phase (default 2000, 100 per transaction)
            --sink-delay milliseconds the webhook takes to answer each request, as a remote one would (default 0)
        """;

    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(90);

    public async Task<int> RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var tokens = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(credentialsPath, cancellationToken))!;
        using var http = new HttpClient { BaseAddress = hub, Timeout = TimeSpan.FromMinutes(10) };
        using var sink = new WebhookSink(TimeSpan.FromMilliseconds(sinkDelay));
        var runTag = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var name = "bench-events-" + runTag;
        await SubscribeAsync(http, tokens["admin"], name, sink.Url, cancellationToken);
        try
        {
            var population = new Population(seed ^ (int)(DateTimeOffset.UtcNow.ToUnixTimeSeconds() & 0x7fff_ffff), persons);
            var replies = new Dictionary<string, DateTimeOffset>(persons, StringComparer.Ordinal);
            output.WriteLine($"events bench: {persons} new persons in batches of {batchSize} to {hub}; webhook {sink.Url}");
            var started = DateTimeOffset.UtcNow;
            for (var first = 0; first < persons; first += batchSize)
            {
                var batch = Enumerable.Range(first, Math.Min(batchSize, persons - first)).Select(i => population.Adult(i)).ToList();
                await SendAsync(http, tokens["ps"], $"bench-ev-{runTag}-{first}", batch, cancellationToken);
                var replied = DateTimeOffset.UtcNow;
                foreach (var person in batch)
                {
                    replies.TryAdd(person.IdNumber, replied);
                }
            }

            var sent = DateTimeOffset.UtcNow;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"intake: {persons} records in {(sent - started).TotalSeconds:0.0} s ({persons / (sent - started).TotalSeconds:0} records/s)"));
            var last = sink.Arrivals.Count;
            var lastChange = DateTimeOffset.UtcNow;
            while (Matched(sink, replies) < replies.Count && DateTimeOffset.UtcNow - lastChange < Idle)
            {
                await Task.Delay(250, cancellationToken);
                if (sink.Arrivals.Count != last)
                {
                    last = sink.Arrivals.Count;
                    lastChange = DateTimeOffset.UtcNow;
                }
            }

            Report(output, sink, replies, started);
            if (database is not null && directEvents > 0)
            {
                await DirectAsync(output, sink, runTag, cancellationToken);
            }

            return 0;
        }
        finally
        {
            using var delete = new HttpRequestMessage(HttpMethod.Delete, new Uri($"/api/admin/subscriptions/{name}", UriKind.Relative));
            delete.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens["admin"]);
            (await http.SendAsync(delete, CancellationToken.None)).Dispose();
        }
    }

    private async Task DirectAsync(TextWriter output, WebhookSink sink, string runTag, CancellationToken cancellationToken)
    {
        output.WriteLine($"delivery alone: committing {directEvents} events straight into the outbox at {rate} events/s");
        var commits = await new DirectCommits(database!, runTag).RunAsync(directEvents, 100, rate, cancellationToken);
        var lastChange = DateTimeOffset.UtcNow;
        var seen = 0;
        while (seen < commits.Count && DateTimeOffset.UtcNow - lastChange < Idle)
        {
            await Task.Delay(250, cancellationToken);
            var now = sink.Arrivals.Count(a => commits.ContainsKey(a.Subject));
            if (now != seen)
            {
                seen = now;
                lastChange = DateTimeOffset.UtcNow;
            }
        }

        var ours = sink.Arrivals.Where(a => commits.ContainsKey(a.Subject)).ToList();
        if (ours.Count == 0)
        {
            output.WriteLine("delivery alone: no event arrived");
            return;
        }

        var latency = ours.Select(a => (a.At - commits[a.Subject]).TotalMilliseconds).Order().ToArray();
        var first = commits.Values.Min();
        var last = ours.Max(a => a.At);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"delivery alone: {ours.Count} of {commits.Count} events, {ours.Count / (last - first).TotalSeconds:0} events/s from the first commit to the last 2xx"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"latency commit -> webhook 2xx: p50 {Percentile(latency, 0.50):0} ms, p99 {Percentile(latency, 0.99):0} ms, max {latency[^1]:0} ms"));
    }

    private static int Matched(WebhookSink sink, Dictionary<string, DateTimeOffset> replies) =>
        sink.Arrivals.Count(a => a.IdentityNumber is not null && replies.ContainsKey(a.IdentityNumber));

    private static void Report(TextWriter output, WebhookSink sink, Dictionary<string, DateTimeOffset> replies, DateTimeOffset started)
    {
        var ours = sink.Arrivals.Where(a => a.IdentityNumber is not null && replies.ContainsKey(a.IdentityNumber)).ToList();
        if (ours.Count == 0)
        {
            output.WriteLine("events bench: no event arrived (is the hub's dispatcher running? ./hub logs)");
            return;
        }

        var fromReply = ours.Select(a => (a.At - replies[a.IdentityNumber!]).TotalMilliseconds).Order().ToArray();
        var fromCommit = ours.Select(a => (a.At - a.EventTime).TotalMilliseconds).Order().ToArray();
        var firstCommit = ours.Min(a => a.EventTime);
        var lastArrival = ours.Max(a => a.At);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"delivered: {ours.Count} of {replies.Count} events in {sink.Requests} webhook requests; "
            + $"{ours.Count / (lastArrival - firstCommit).TotalSeconds:0} events/s from the first commit to the last 2xx "
            + $"({(lastArrival - started).TotalSeconds:0.0} s after the first batch was sent)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"latency intake reply -> webhook: p50 {Percentile(fromReply, 0.50):0} ms, p99 {Percentile(fromReply, 0.99):0} ms, max {fromReply[^1]:0} ms"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"latency commit (event time) -> webhook: p50 {Percentile(fromCommit, 0.50):0} ms, p99 {Percentile(fromCommit, 0.99):0} ms, max {fromCommit[^1]:0} ms"));
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static async Task SubscribeAsync(HttpClient http, string admin, string name, Uri webhook, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["name"] = name,
            ["subscriber"] = "bench-events",
            ["legalBasis"] = "benchmark",
            ["purpose"] = "measuring delivery",
            ["eventTypes"] = new JsonArray("cn.gov.hrss.hub.person.created.v1", DirectCommits.EventType),
            ["fields"] = new JsonArray("/personId", "/identityNumber"),
            ["identityNumbers"] = true,
            ["destination"] = new JsonObject
            {
                ["kind"] = "webhook",
                ["url"] = webhook.ToString(),
                ["secret"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/admin/subscriptions", UriKind.Relative))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"creating the subscription failed: {(int)response.StatusCode} "
                + await response.Content.ReadAsStringAsync(cancellationToken));
        }
    }

    private static async Task SendAsync(HttpClient http, string token, string batchId, List<Person> batch, CancellationToken cancellationToken)
    {
        var records = new JsonArray();
        var n = 0;
        foreach (var person in batch)
        {
            records.Add(new JsonObject
            {
                ["recordId"] = $"{batchId}-{n++}",
                ["idNumber"] = person.IdNumber,
                ["name"] = person.Name,
                ["gender"] = person.Gender,
                ["birthDate"] = person.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["ethnicity"] = person.Ethnicity,
                ["hukouRegion"] = person.Region.Code,
                ["hukouAddress"] = $"{person.Region.Province}{person.Region.City}市{person.Region.District}人民路{n}号",
                ["householdNumber"] = person.Region.Code + n.ToString("D6", CultureInfo.InvariantCulture),
                ["changeType"] = "move-in",
                ["changeDate"] = "2026-10-01",
            });
        }

        var envelope = new JsonObject
        {
            ["batchId"] = batchId,
            ["schemaVersion"] = "1",
            ["extractedAt"] = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture),
            ["region"] = "500000",
            ["records"] = records,
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/feeds/ps/household-registration", UriKind.Relative))
        {
            Content = new StringContent(envelope.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"batch {batchId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }
}
