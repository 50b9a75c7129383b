using System.IO.Compression;

namespace IntegrationHub.Bench.Abuse;

/// <summary><c>abuse</c>: the amplification attacks of the hardening issue, sent to a running hub; what each cost it.</summary>
/// <remarks>
/// Each case prints the status and code the hub answered, how long it took, how much the database grew and how many
/// intake rows it gained; the hub's peak memory is printed at the end. For the bomb, the machine's own figure is the time
/// this process takes to decompress the same body whole and split it into lines, measured in the same run: what reading
/// it whole would cost, against which the hub's refusal time is read.
/// </remarks>
public static class AbuseBenchmark
{
    public const string Usage = """
          abuse --url URL --credentials FILE --database CONNECTION [--hub-pid PID] [--empties N] [--tiny N] [--bomb-mb M]
            sends the amplification attacks of the hardening issue as the tax department and prints what each cost the hub:
            --empties   NDJSON records of {} in one gzip body (default 300000)
            --tiny      the same, in each of four bodies sent at once (default 1900000)
            --bomb-mb   megabytes of newlines in one gzip body (default 1200)
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--help" or "-h")
            {
                Console.WriteLine(Usage);
                return 0;
            }

            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 == args.Length)
            {
                Console.Error.WriteLine($"bench abuse: unexpected argument '{args[i]}'\n{Usage}");
                return 2;
            }

            values[args[i][2..]] = args[++i];
        }

        if (!values.TryGetValue("url", out var url) || !values.TryGetValue("credentials", out var credentials)
            || !values.TryGetValue("database", out var database))
        {
            Console.Error.WriteLine($"bench abuse: --url, --credentials and --database are required\n{Usage}");
            return 2;
        }

        var empties = Count(values, "empties", 300_000);
        var tiny = Count(values, "tiny", 1_900_000);
        var bombMb = Count(values, "bomb-mb", 1200);
        int? hubPid = values.TryGetValue("hub-pid", out var pidText) ? int.Parse(pidText, CultureInfo.InvariantCulture) : null;
        var token = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(credentials))!["tax"];
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await using var db = NpgsqlDataSource.Create(database);
        var run = DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture);

        Console.WriteLine($"abuse bench: hub {url}; case: status code, seconds, gzip bytes sent, database growth, intake rows added");
        var emptyBody = Gzip(Envelope($"abuse-empties-{run}") + "\n", "{}\n", empties);
        await MeasureAsync("empty records", db, () => SendAsync(http, [emptyBody]), emptyBody.Length);

        var tinyBodies = Enumerable.Range(0, 4).Select(i => Gzip(Envelope($"abuse-tiny-{run}-{i}") + "\n", "{}\n", tiny)).ToArray();
        await MeasureAsync("4 at once", db, () => SendAsync(http, tinyBodies), tinyBodies.Sum(b => b.Length));

        var bomb = Gzip(Envelope($"abuse-bomb-{run}") + "\n", new string('\n', 1024 * 1024), bombMb);
        await MeasureAsync("newline bomb", db, () => SendAsync(http, [bomb]), bomb.Length);
        var ceiling = Stopwatch.StartNew();
        var lines = 0L;
        using (var reader = new StreamReader(new GZipStream(new MemoryStream(bomb), CompressionMode.Decompress)))
        {
            while (await reader.ReadLineAsync() is not null)
            {
                lines++;
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  ceiling: this process decompresses the whole bomb and splits its {lines} lines in {ceiling.Elapsed.TotalSeconds:F2} s (what reading it whole costs)"));
        if (hubPid is { } pid && File.Exists($"/proc/{pid}/status"))
        {
            var peak = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM", StringComparison.Ordinal));
            Console.WriteLine($"hub memory: {peak}");
        }

        return 0;
    }

    private static async Task MeasureAsync(string name, NpgsqlDataSource db, Func<Task<string[]>> send, long bytes)
    {
        var (size, rows) = await SizeAsync(db);
        var clock = Stopwatch.StartNew();
        var answers = await send();
        var seconds = clock.Elapsed.TotalSeconds;
        var (sizeAfter, rowsAfter) = await SizeAsync(db);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {name,-14} {string.Join(" | ", answers)}; {seconds:F2} s; {bytes} bytes; database +{(sizeAfter - size) / 1024.0 / 1024:F1} MB; +{rowsAfter - rows} rows"));
    }

    private static async Task<string[]> SendAsync(HttpClient http, byte[][] bodies) => await Task.WhenAll(bodies.Select(async body =>
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        content.Headers.ContentEncoding.Add("gzip");
        using var response = await http.PostAsync(new Uri("/api/feeds/tax/wage-withholding", UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        var code = text.StartsWith('{') && JsonDocument.Parse(text).RootElement.TryGetProperty("code", out var c) ? c.GetString() : "-";
        return $"{(int)response.StatusCode} {code}";
    }));

    private static async Task<(long Bytes, long Rows)> SizeAsync(NpgsqlDataSource db)
    {
        await using var command = db.CreateCommand("SELECT pg_database_size(current_database()), (SELECT count(*) FROM intake_line)");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static byte[] Gzip(string head, string unit, int times)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(head));
            var bytes = Encoding.UTF8.GetBytes(unit);
            for (var i = 0; i < times; i++)
            {
                gzip.Write(bytes);
            }
        }

        return buffer.ToArray();
    }

    private static string Envelope(string batchId) =>
        $$"""{"batchId":"{{batchId}}","schemaVersion":"1","extractedAt":"2026-11-20T18:00:00+08:00","region":"500000"}""";

    private static int Count(Dictionary<string, string> values, string name, int fallback) =>
        values.TryGetValue(name, out var text) ? int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture) : fallback;
}
