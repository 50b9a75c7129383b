namespace IntegrationHub.Bench.Graduates;

/// <summary>
/// <c>./hub bench graduates</c>: sends a 2026 cohort of graduates among background records across the feeds (the generator
/// decides which claims are true, <see cref="GraduateCases"/>), waits until the hub has linked everything and derived every
/// graduate fact and verification, then reads the ledger, the verification, the indicators and the ratings through the API,
/// and prints how long each took to be complete after the last record's reply, and the verification's accuracy against the
/// generator's truth (every miss listed by expected and found status).
/// </summary>
public sealed class GraduatesBenchmark(Uri hub, string credentialsPath, string database, int graduates, int records, int seed, int batchSize)
{
    public const string Usage = """
          graduates [--graduates N] [--records M] [--seed S] [--batch B] --url URL --credentials FILE --database CONNECTION
            --graduates  graduates of the 2026 cohort (default 100000)
            --records    records across the feeds, the graduates' roster and evidence included (default 1000000); the rest are
                         background adults' wage months
            --batch      records per NDJSON batch (default 20000)
        """;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<int> RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var tokens = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(credentialsPath, cancellationToken))!;
        using var http = new HttpClient { BaseAddress = hub, Timeout = TimeSpan.FromMinutes(30) };
        var tag = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var feeds = new GraduateFeeds(new Population(seed, Math.Max(graduates, records / 6)), graduates, records, tag, seed);
        var evidence = feeds.EvidenceCount();
        var background = feeds.BackgroundAdults * 6;
        output.WriteLine($"graduates bench: {graduates} graduates of 2026, {graduates + evidence + background} records "
            + $"({graduates} roster, {evidence} evidence and follow-up, {background} background wages) to {hub}");
        var started = Stopwatch.StartNew();
        var batches = new List<string>();
        await SendAllAsync(http, tokens, feeds, background, batches, cancellationToken);
        var sent = started.Elapsed;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"intake: {batches.Count} batches in {sent.TotalSeconds:0.0} s"));

        await using var dataSource = NpgsqlDataSource.Create(database);
        var complete = await WaitCompleteAsync(dataSource, feeds, batches, output, cancellationToken);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"facts and verification complete {complete.TotalSeconds:0.0} s after the last record's reply"));

        var (ledger, ledgerTime) = await TimedAsync(() => CountLinesAsync(http, tokens["hr"], "/api/graduates/ledger?cohort=2026&format=ndjson", cancellationToken));
        var (lines, verificationTime) = await TimedAsync(() => ReadVerificationAsync(http, tokens["edu"], cancellationToken));
        var (_, indicatorsTime) = await TimedAsync(() => GetAsync(http, tokens["admin"], "/api/graduates/indicators?cohort=2026&by=school", cancellationToken));
        var (_, ratingsTime) = await TimedAsync(() => GetAsync(http, tokens["admin"], "/api/graduates/ratings?cohort=2026", cancellationToken));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"time to complete after the last record: ledger {(complete + ledgerTime).TotalSeconds:0.0} s ({ledger} entries in the cohort, read in {ledgerTime.TotalSeconds:0.0} s), "
            + $"verification {(complete + verificationTime).TotalSeconds:0.0} s (read {verificationTime.TotalSeconds:0.0} s), "
            + $"indicators {(complete + indicatorsTime).TotalSeconds:0.0} s (computed {indicatorsTime.TotalSeconds:0.0} s), "
            + $"ratings {(complete + ratingsTime).TotalSeconds:0.0} s (computed {ratingsTime.TotalSeconds:0.0} s)"));
        var truthLedger = Enumerable.Range(0, graduates).Count(i => feeds.CaseOf(i).Status == "not-yet-placed");
        output.WriteLine($"ledger: {ledger} entries in cohort 2026 (this run's truth: {truthLedger}; earlier runs' graduates count too)");
        Accuracy(output, feeds, lines);
        return 0;
    }

    private async Task SendAllAsync(HttpClient http, Dictionary<string, string> tokens, GraduateFeeds feeds, int background, List<string> batches,
        CancellationToken cancellationToken)
    {
        // Background and evidence first, the roster last: the roster is what makes graduates, and it arrives last in practice too.
        foreach (var chunk in Enumerable.Range(0, background).Chunk(batchSize))
        {
            batches.Add(await SendAsync(http, tokens["tax"], "tax", "wage-withholding", feeds.Tag, batches.Count,
                chunk.Select(r => (Action<Utf8JsonWriter>)(w => feeds.WriteBackground(w, r))), cancellationToken));
        }

        foreach (var group in Enumerable.Range(0, feeds.Graduates).SelectMany(feeds.Evidence).GroupBy(e => (e.Department, e.Feed)))
        {
            foreach (var chunk in group.Chunk(batchSize))
            {
                batches.Add(await SendAsync(http, tokens[group.Key.Department], group.Key.Department, group.Key.Feed, feeds.Tag, batches.Count,
                    chunk.Select(e => e.Write), cancellationToken));
            }
        }

        foreach (var chunk in Enumerable.Range(0, feeds.Graduates).Chunk(batchSize))
        {
            batches.Add(await SendAsync(http, tokens["edu"], "edu", "graduate-roster", feeds.Tag, batches.Count,
                chunk.Select(i => (Action<Utf8JsonWriter>)(w => feeds.WriteRoster(w, i))), cancellationToken));
        }
    }

    private static async Task<string> SendAsync(HttpClient http, string token, string department, string feed, string tag, int n,
        IEnumerable<Action<Utf8JsonWriter>> records, CancellationToken cancellationToken)
    {
        var batchId = $"bg-{tag}-{n:D4}";
        using var body = new MemoryStream();
        using (var writer = new Utf8JsonWriter(body, WriterOptions))
        {
            JsonSerializer.Serialize(writer, new { batchId, schemaVersion = "1", extractedAt = DateTimeOffset.UtcNow, region = "500000" });
            EndLine(writer, body);
            foreach (var record in records)
            {
                record(writer);
                EndLine(writer, body);
            }
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/feeds/{department}/{feed}", UriKind.Relative))
        {
            Content = new ByteArrayContent(body.ToArray()) { Headers = { ContentType = new MediaTypeHeaderValue("application/x-ndjson") } },
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, cancellationToken);
        var reply = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode || JsonDocument.Parse(reply).RootElement.GetProperty("rejected").GetInt32() > 0)
        {
            throw new InvalidOperationException($"batch {batchId} of {department}/{feed}: {(int)response.StatusCode} {reply[..Math.Min(reply.Length, 600)]}");
        }

        return batchId;
    }

    private static void EndLine(Utf8JsonWriter writer, MemoryStream body)
    {
        writer.Flush();
        body.WriteByte((byte)'\n');
        writer.Reset();
    }

    private static async Task<TimeSpan> WaitCompleteAsync(NpgsqlDataSource dataSource, GraduateFeeds feeds, List<string> batches, TextWriter output,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        while (true)
        {
            await using var command = dataSource.CreateCommand("""
                SELECT (SELECT count(*) FROM intake_batch WHERE batch_id = ANY($1) AND linked_through < stored_through),
                       (SELECT count(*) FROM labor_dirty),
                       (SELECT count(*) FROM labor_graduate_verification WHERE record_id LIKE $2),
                       (SELECT count(*) FROM labor_fact WHERE kind = 'graduate' AND data ->> 'rosterRecordId' LIKE $2)
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = batches.ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = $"BG{feeds.Tag}-%" });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var (unlinked, dirty, verified, facts) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
            if (unlinked == 0 && dirty == 0 && verified == feeds.Graduates && facts == feeds.Graduates)
            {
                return clock.Elapsed;
            }

            if (clock.Elapsed - lastReport > TimeSpan.FromSeconds(30))
            {
                lastReport = clock.Elapsed;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {clock.Elapsed.TotalSeconds:0} s: {unlinked} batches not yet linked, {dirty} persons to recompute, {verified} verifications, {facts} graduate facts"));
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    private static async Task<(T Value, TimeSpan Took)> TimedAsync<T>(Func<Task<T>> action)
    {
        var clock = Stopwatch.StartNew();
        var value = await action();
        return (value, clock.Elapsed);
    }

    private static async Task<HttpResponseMessage> SendGetAsync(HttpClient http, string token, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("X-Purpose", "bench graduates");
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        return response;
    }

    private static async Task<string> GetAsync(HttpClient http, string token, string path, CancellationToken cancellationToken)
    {
        using var response = await SendGetAsync(http, token, path, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    private static async Task<int> CountLinesAsync(HttpClient http, string token, string path, CancellationToken cancellationToken)
    {
        using var response = await SendGetAsync(http, token, path, cancellationToken);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        var count = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            count += line.Length > 0 ? 1 : 0;
        }

        return count;
    }

    private static async Task<Dictionary<string, string>> ReadVerificationAsync(HttpClient http, string token, CancellationToken cancellationToken)
    {
        using var response = await SendGetAsync(http, token, "/api/departments/edu/graduate-verification?cohort=2026&format=ndjson", cancellationToken);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        var statuses = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadLineAsync(cancellationToken) is { Length: > 0 } line)
        {
            using var document = JsonDocument.Parse(line);
            statuses[document.RootElement.GetProperty("recordId").GetString()!] = document.RootElement.GetProperty("status").GetString()!;
        }

        return statuses;
    }

    private static void Accuracy(TextWriter output, GraduateFeeds feeds, Dictionary<string, string> found)
    {
        var misses = new Dictionary<(string Case, string Expected, string Found), List<string>>();
        var right = 0;
        for (var i = 0; i < feeds.Graduates; i++)
        {
            var expected = feeds.CaseOf(i);
            var status = found.GetValueOrDefault(feeds.RosterId(i), "missing");
            if (status == expected.Verification)
            {
                right++;
                continue;
            }

            var key = (expected.Name, expected.Verification, status);
            misses.TryAdd(key, []);
            misses[key].Add(feeds.RosterId(i));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"verification accuracy: {right} of {feeds.Graduates} roster records as the generator's truth ({100.0 * right / feeds.Graduates:0.000}%)"));
        foreach (var ((name, expected, status), ids) in misses.OrderByDescending(m => m.Value.Count))
        {
            output.WriteLine($"  miss: {ids.Count} of case {name}: expected {expected}, found {status} (e.g. {string.Join(", ", ids.Take(3))})");
        }
    }
}
