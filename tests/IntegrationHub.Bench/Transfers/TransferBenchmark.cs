namespace IntegrationHub.Bench.Transfers;

/// <summary>
/// <c>./hub bench transfer</c>: N persons put into the primary hub, then N transfers to its peer (started by
/// <c>./hub up --peer</c>) requested at once through <c>POST /api/transfers</c>; prints the throughput from the first
/// request to the last acceptance and p50/p99 of request → accepted, both read from the transfers' own histories.
/// </summary>
public static class TransferBenchmark
{
    public const string Usage = """
          transfer [--count N] [--concurrency C] --url URL --credentials FILE --peer-region R
            N persons (default 10000) registered at the hub as hr unemployment registrations, linked, then a transfer of each
            to the peer region R, C requests at a time (default 16); throughput and p50/p99 request -> accepted
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        if (!values.TryGetValue("url", out var url) || !values.TryGetValue("credentials", out var credentials)
            || !values.TryGetValue("peer-region", out var peerRegion))
        {
            await Console.Error.WriteLineAsync($"bench transfer: --url, --credentials and --peer-region are required\n{Usage}");
            return 2;
        }

        var count = values.TryGetValue("count", out var c) ? int.Parse(c, CultureInfo.InvariantCulture) : 10_000;
        var concurrency = values.TryGetValue("concurrency", out var p) ? int.Parse(p, CultureInfo.InvariantCulture) : 16;
        var tokens = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(credentials))!;
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(5) };
        var run = DateTime.UtcNow.ToString("MMddHHmmss", CultureInfo.InvariantCulture);

        Console.WriteLine($"bench transfer: registering {count} persons at {url} (run {run})");
        var records = await SeedAsync(http, tokens["hr"], run, count);
        var persons = await WaitLinkedAsync(http, tokens["admin"], records);
        Console.WriteLine($"bench transfer: {persons.Count} persons linked; requesting {persons.Count} transfers to {peerRegion}, {concurrency} at a time");

        var clock = Stopwatch.StartNew();
        var ids = new List<string>(count);
        using (var slots = new SemaphoreSlim(concurrency))
        {
            var requests = persons.Select(async person =>
            {
                await slots.WaitAsync();
                try
                {
                    return await RequestAsync(http, tokens["admin"], person, peerRegion);
                }
                finally
                {
                    slots.Release();
                }
            });
            ids.AddRange((await Task.WhenAll(requests)).OfType<string>());
        }

        Console.WriteLine($"bench transfer: {ids.Count} requested in {clock.Elapsed.TotalSeconds:F1} s; waiting for the peer's decisions");
        var outcomes = await WaitDecidedAsync(http, tokens["admin"], ids, concurrency);
        var accepted = outcomes.Where(o => o.Status == "accepted").ToList();
        var latencies = accepted.Select(o => (o.DecidedAt - o.RequestedAt).TotalMilliseconds).Order().ToArray();
        var first = outcomes.Min(o => o.RequestedAt);
        var last = accepted.Count == 0 ? first : accepted.Max(o => o.DecidedAt);
        double Rank(double q) => latencies.Length == 0 ? 0 : latencies[Math.Clamp((int)Math.Ceiling(q * latencies.Length) - 1, 0, latencies.Length - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bench transfer: {accepted.Count} accepted, {outcomes.Count - accepted.Count} not; {accepted.Count / Math.Max(0.001, (last - first).TotalSeconds):F1} transfers/s "
            + $"(first request to last acceptance {(last - first).TotalSeconds:F1} s); request -> accepted p50 {Rank(0.5):F0} ms, p99 {Rank(0.99):F0} ms, max {Rank(1):F0} ms"));
        return accepted.Count == ids.Count ? 0 : 1;
    }

    /// <summary>Unemployment registrations of <paramref name="count"/> new persons, 1,000 a batch; their record ids.</summary>
    private static async Task<List<string>> SeedAsync(HttpClient http, string token, string run, int count)
    {
        var records = new List<string>(count);
        var random = new Random(int.Parse(run[4..], CultureInfo.InvariantCulture));
        var firstDay = new DateOnly(1970, 1, 1).AddDays(random.Next(0, 11000));
        for (var batch = 0; batch * 1000 < count; batch++)
        {
            var body = new StringBuilder()
                .Append(CultureInfo.InvariantCulture, $$"""{"batchId":"bench-transfer-{{run}}-{{batch}}","schemaVersion":"1","extractedAt":"2026-11-21T18:00:00+08:00","region":"500000"}""")
                .Append('\n');
            for (var i = batch * 1000; i < Math.Min(count, (batch + 1) * 1000); i++)
            {
                // Distinct numbers within a run (a birth day per thousand, the sequence within it), a run's days drawn at random.
                var birth = firstDay.AddDays(i / 1000);
                var first17 = string.Create(CultureInfo.InvariantCulture, $"500103{birth:yyyyMMdd}{i % 1000:D3}");
                var idNumber = first17 + NationalCodes.IdentityCheckCharacter(first17);
                var recordId = $"BT{run}{i:D6}";
                records.Add(recordId);
                body.Append(CultureInfo.InvariantCulture,
                    $$"""{"recordId":"{{recordId}}","idNumber":"{{idNumber}}","name":"测试{{i}}","eventType":"unemployment","eventDate":"2026-11-05","registrationRegion":"500106"}""")
                    .Append('\n');
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/feeds/hr/employment-registration")
            {
                Content = new StringContent(body.ToString(), Encoding.UTF8, "application/x-ndjson"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
        }

        return records;
    }

    /// <summary>Waits until every record is linked; the distinct persons they belong to.</summary>
    private static async Task<List<string>> WaitLinkedAsync(HttpClient http, string admin, List<string> records)
    {
        var wanted = records.ToHashSet(StringComparer.Ordinal);
        var deadline = DateTime.UtcNow.AddMinutes(20);
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/admin/links");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            var persons = new HashSet<string>(StringComparer.Ordinal);
            var found = 0;
            foreach (var line in (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var link = JsonNode.Parse(line)!;
                if (wanted.Contains((string)link["recordId"]!))
                {
                    found++;
                    persons.Add((string)link["personId"]!);
                }
            }

            if (found == wanted.Count)
            {
                return [.. persons];
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"only {found} of {wanted.Count} records linked after 20 minutes");
            }

            await Task.Delay(2000);
        }
    }

    /// <summary>The transfer's id; null when the hub refuses it as a conflict (a person an earlier run already moved).</summary>
    private static async Task<string?> RequestAsync(HttpClient http, string admin, string person, string peerRegion)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/transfers")
        {
            Content = new StringContent(new JsonObject { ["personId"] = person, ["toRegion"] = peerRegion, ["reason"] = "bench" }.ToJsonString(),
                Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode == 409)
        {
            return null;
        }

        if ((int)response.StatusCode != 202)
        {
            throw new InvalidOperationException($"POST /api/transfers answered {(int)response.StatusCode}: {text}");
        }

        return (string)JsonNode.Parse(text)!["id"]!;
    }

    private sealed record Outcome(string Status, DateTimeOffset RequestedAt, DateTimeOffset DecidedAt);

    /// <summary>Reads every transfer until it is decided; each one's request and decision times from its history.</summary>
    private static async Task<List<Outcome>> WaitDecidedAsync(HttpClient http, string admin, List<string> ids, int concurrency)
    {
        var pending = new List<string>(ids);
        var outcomes = new List<Outcome>();
        var deadline = DateTime.UtcNow.AddMinutes(30);
        while (pending.Count > 0 && DateTime.UtcNow < deadline)
        {
            var still = new System.Collections.Concurrent.ConcurrentBag<string>();
            var done = new System.Collections.Concurrent.ConcurrentBag<Outcome>();
            await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (id, token) =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/transfers/{id}");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
                using var response = await http.SendAsync(request, token);
                var view = JsonNode.Parse(await response.Content.ReadAsStringAsync(token))!;
                var status = (string?)view["status"];
                if (status is "accepted" or "rejected")
                {
                    var history = view["history"]!.AsArray();
                    done.Add(new Outcome(status, history[0]!["at"]!.GetValue<DateTimeOffset>(), history[^1]!["at"]!.GetValue<DateTimeOffset>()));
                }
                else
                {
                    still.Add(id);
                }
            });
            outcomes.AddRange(done);
            pending = [.. still];
            Console.WriteLine($"bench transfer: {outcomes.Count} decided, {pending.Count} pending");
            if (pending.Count > 0)
            {
                await Task.Delay(2000);
            }
        }

        return outcomes;
    }
}
