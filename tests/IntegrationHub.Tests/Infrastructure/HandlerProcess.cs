namespace IntegrationHub.Tests.Infrastructure;

/// <summary>The handler as a separate operating-system process, for tests that kill it the hard way.</summary>
public sealed class HandlerProcess : IDisposable
{
    private readonly Process process;
    private readonly StreamWriter? log;

    private HandlerProcess(Process process, int port, StreamWriter? log)
    {
        this.process = process;
        this.log = log;
        Port = port;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = Timeout.InfiniteTimeSpan };
    }

    public int Port { get; }

    public HttpClient Client { get; }

    /// <summary>Posts an NDJSON batch to <c>/api/feeds/{department}/{feed}</c> and insists on a 2xx.</summary>
    public async Task SendNdjsonAsync(string department, string feed, string token, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/feeds/{department}/{feed}", UriKind.Relative))
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/x-ndjson"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    /// <param name="settings">Configuration keys (<c>Identity:SetwiseThreshold</c>) and values, passed as <c>HUB_</c> variables.</param>
    /// <param name="environment">Environment variables set as given.</param>
    /// <param name="port">The port to listen on (a peer hub must know it beforehand); a free one when null.</param>
    public static async Task<HandlerProcess> StartAsync(string connectionString, bool timers = false,
        IReadOnlyDictionary<string, string>? settings = null, IReadOnlyDictionary<string, string>? environment = null, int? port = null)
    {
        port ??= FreePort();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "IntegrationHub.Handler.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["HUB_DATABASE__CONNECTIONSTRING"] = connectionString;
        start.Environment["HUB_PORT"] = port.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["HUB_PROTECTION__IDENTITYKEY"] = TestKeys.IdentityKey;
        start.Environment["HUB_PROTECTION__BLINDINDEXKEY"] = TestKeys.BlindIndexKey;
        start.Environment["HUB_FUNCTIONSROOT"] = Path.Combine(RepositoryPaths.Root, "functions");
        start.Environment["HUB_TIMERS__ENABLED"] = timers ? "true" : "false";
        // With HUB_TEST_LOGS the process logs as a production hub does (Information), into a file ./hub test scans.
        var logPath = TestLogFile.PathFor(connectionString, "handler");
        start.Environment["Logging__LogLevel__Default"] = logPath is null ? "Warning" : "Information";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment["HUB_" + key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        var log = logPath is null ? null : new StreamWriter(logPath, append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Keep(log, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var handler = new HandlerProcess(process, port.Value, log);
        await handler.WaitHealthyAsync();
        return handler;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, exactly what a crash or an OOM kill does.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            Kill();
        }

        Client.Dispose();
        process.Dispose();
        if (log is not null)
        {
            lock (log)
            {
                log.Dispose();
            }
        }
    }

    private static void Keep(StreamWriter? log, string? line)
    {
        if (log is null || line is null)
        {
            return;
        }

        lock (log)
        {
            if (log.BaseStream?.CanWrite == true)
            {
                log.WriteLine(line);
            }
        }
    }

    private async Task WaitHealthyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The handler exited with code {process.ExitCode} during start-up.");
            }

            try
            {
                using var response = await Client.GetAsync(new Uri("/api/health", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The handler did not become healthy within 60 s.");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
