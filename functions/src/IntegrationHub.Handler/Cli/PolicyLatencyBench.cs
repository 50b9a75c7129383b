using System.Collections.Concurrent;
using IntegrationHub.Intake.Rules;

namespace IntegrationHub.Handler.Cli;

/// <summary>
/// The latency from a record's arrival to its <c>policy.*</c> event: single-record household registrations of new persons
/// (each a one-person zero-employment household of working age, so each is announced <c>policy.eligible</c>) sent open
/// loop at a steady rate; afterwards each record's first policy event is found through its link, and its latency is the
/// event's time less the moment the record was sent. The ceiling is the intake reply latency of the same requests.
/// </summary>
/// <remarks>An event's time is when the policy worker decided, a little before its transaction commits; the hub's timers
/// (labor facts, policy decisions: every 10 s) dominate the figure by design.</remarks>
internal static class PolicyLatencyBench
{
    public static async Task<int> RunAsync(NpgsqlDataSource dataSource, TimeProvider time, Options options, TextWriter output,
        CancellationToken cancellationToken)
    {
        var tokens = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(options.Credentials, cancellationToken))!;
        using var client = new HttpClient { BaseAddress = options.Url, Timeout = TimeSpan.FromMinutes(2) };
        var run = (time.GetUtcNow().ToUnixTimeSeconds() % 100_000).ToString(CultureInfo.InvariantCulture);
        var total = options.Rate * options.Seconds;
        var sent = new ConcurrentDictionary<string, (DateTimeOffset At, double ReplyMs, int Status)>();
        var clock = Stopwatch.StartNew();
        var sends = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / options.Rate);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, cancellationToken);
            }

            var n = i;
            sends.Add(Task.Run(async () =>
            {
                var recordId = $"pb-{run}-{n}";
                var at = time.GetUtcNow();
                var started = Stopwatch.GetTimestamp();
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/feeds/ps/household-registration", UriKind.Relative))
                {
                    Content = new StringContent(Batch(run, n, recordId, at), Encoding.UTF8, "application/json"),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens["ps"]);
                try
                {
                    using var response = await client.SendAsync(request, cancellationToken);
                    sent[recordId] = (at, Stopwatch.GetElapsedTime(started).TotalMilliseconds, (int)response.StatusCode);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    sent[recordId] = (at, Stopwatch.GetElapsedTime(started).TotalMilliseconds, 0); // no reply: counted as status 0
                }
            }, cancellationToken));
        }

        await Task.WhenAll(sends);
        var sending = clock.Elapsed.TotalSeconds;
        var ids = sent.Where(s => s.Value.Status == 200).Select(s => s.Key).ToArray();
        var statuses = string.Join(", ", sent.Values.GroupBy(s => s.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}"));
        var announced = new Dictionary<string, DateTimeOffset>();
        var waited = Stopwatch.StartNew();
        while (announced.Count < ids.Length && waited.Elapsed < TimeSpan.FromSeconds(options.Wait))
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            announced = await AnnouncedAsync(dataSource, ids, cancellationToken);
        }

        var latencies = announced.Select(a => (a.Value - sent[a.Key].At).TotalMilliseconds).Order().ToList();
        var replies = sent.Values.Select(s => s.ReplyMs).Order().ToList();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"""
            policy bench: {total} records sent in {sending:F1} s ({total / sending:F0}/s), {ids.Length} accepted (replies {statuses}), {announced.Count} announced within {options.Wait} s after sending
            policy bench: arrival -> policy event: p50 {Percentile(latencies, 0.5):F0} ms, p99 {Percentile(latencies, 0.99):F0} ms
            policy bench: ceiling, intake reply: p50 {Percentile(replies, 0.5):F0} ms, p99 {Percentile(replies, 0.99):F0} ms; ratio p50 {Percentile(latencies, 0.5) / Percentile(replies, 0.5):F0}, p99 {Percentile(latencies, 0.99) / Percentile(replies, 0.99):F0}
            """));
        return announced.Count == 0 ? 1 : 0;
    }

    /// <summary>The first policy event of each record's person, by record id.</summary>
    private static async Task<Dictionary<string, DateTimeOffset>> AnnouncedAsync(NpgsqlDataSource dataSource, string[] recordIds,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT l.record_id, min(e.time) FROM person_link l
            JOIN event_outbox e ON e.subject = 'P' || lpad(l.person_id::text, greatest(9, length(l.person_id::text)), '0')
                AND e.type LIKE 'cn.gov.hrss.hub.policy.%'
            WHERE l.department = 'ps' AND l.feed = 'household-registration' AND l.record_id = ANY (@ids)
            GROUP BY l.record_id
            """);
        command.Parameters.AddWithValue("ids", recordIds);
        var found = new Dictionary<string, DateTimeOffset>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found[reader.GetString(0)] = reader.GetFieldValue<DateTimeOffset>(1);
        }

        return found;
    }

    /// <summary>One household registration of a new person of working age, alone in a new household.</summary>
    private static string Batch(string run, int n, string recordId, DateTimeOffset at)
    {
        var seed = int.Parse(run, CultureInfo.InvariantCulture) * 7919 + n;
        var birth = new DateOnly(1980, 1, 1).AddDays(seed % 7300);
        var first17 = $"500103{birth:yyyyMMdd}{seed / 7300 % 1000:D3}";
        var id = first17 + IdentityNumber.CheckCharacter(first17);
        var record = new JsonObject
        {
            ["recordId"] = recordId, ["idNumber"] = id, ["name"] = "李娜", ["gender"] = (id[16] - '0') % 2 == 1 ? "1" : "2",
            ["birthDate"] = birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["ethnicity"] = "01", ["hukouRegion"] = "500103",
            ["hukouAddress"] = "重庆市渝中区解放碑街道1号", ["householdNumber"] = $"PB{run}-{n:D6}", ["changeType"] = "move-in",
            ["changeDate"] = "2020-01-01",
        };
        return new JsonObject
        {
            ["batchId"] = recordId, ["schemaVersion"] = "1",
            ["extractedAt"] = at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            ["region"] = "500000", ["records"] = new JsonArray(record),
        }.ToJsonString();
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    /// <summary><c>--url U --credentials F [--rate 200] [--seconds 20] [--wait 120]</c>.</summary>
    internal sealed record Options(Uri Url, string Credentials, int Rate, int Seconds, int Wait)
    {
        public static Options? Parse(string[] args)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i + 1 < args.Length; i += 2)
            {
                values[args[i]] = args[i + 1];
            }

            int Number(string name, int fallback) =>
                values.TryGetValue(name, out var text) && int.TryParse(text, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : fallback;
            return values.TryGetValue("--url", out var url) && values.TryGetValue("--credentials", out var credentials)
                ? new Options(new Uri(url), credentials, Number("--rate", 200), Number("--seconds", 20), Number("--wait", 120))
                : null;
        }
    }
}
