namespace IntegrationHub.Tests.HubScript;

/// <summary>
/// A throw-away copy of the <c>hub</c> script (and the PostgreSQL helpers it sources) in a temporary folder, with a stand-in
/// for a running hub: a sleeping process whose pid is in <c>.hub/hub.pid</c> and a loopback endpoint that answers
/// <c>/api/health</c> with 200. No cluster is started and no real hub is touched.
/// </summary>
public sealed class ScriptCheckout : IDisposable
{
    private readonly TcpListener health;
    private readonly CancellationTokenSource stop = new();
    private Process? fakeHub;

    /// <param name="standInCluster">True: a stand-in cluster that never runs. False: the script makes and runs a real cluster of
    /// its own in the folder (which the postgres user may then enter), and reads this checkout's function definitions and contract
    /// samples (linked, not copied).</param>
    public ScriptCheckout(bool standInCluster = true)
    {
        Root = Directory.CreateTempSubdirectory("hub-script-").FullName;
        File.Copy(Path.Combine(RepositoryPaths.Root, "hub"), Path.Combine(Root, "hub"));
        Directory.CreateDirectory(Path.Combine(Root, "infra", "local"));
        foreach (var sourced in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "infra", "local"), "*.sh"))
        {
            File.Copy(sourced, Path.Combine(Root, "infra", "local", Path.GetFileName(sourced)));
        }

        if (!standInCluster)
        {
            foreach (var read in new[] { "functions", "contracts", Path.Combine("infra", "local", "demo") })
            {
                Directory.CreateSymbolicLink(Path.Combine(Root, read), Path.Combine(RepositoryPaths.Root, read));
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(Root, (UnixFileMode)0b111_101_101);
            }

            PgPassword = "";
            health = new TcpListener(IPAddress.Loopback, 0);
            return;
        }

        // An existing .hub/pg is taken as the cluster's home as it is (none is ever created in it): without it, the script
        // run as root would look for a home the postgres user can reach, outside this folder.
        Directory.CreateDirectory(Path.Combine(HubDirectory, "pg"));
        PgPassword = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        File.WriteAllText(Path.Combine(HubDirectory, "pg.env"), $"PG_PORT=55999\nPG_PASSWORD={PgPassword}\n");
        health = new TcpListener(IPAddress.Loopback, 0);
        health.Start();
        HealthPort = ((IPEndPoint)health.LocalEndpoint).Port;
        _ = AnswerHealthAsync(stop.Token);
    }

    public string Root { get; }

    public string HubDirectory => Path.Combine(Root, ".hub");

    /// <summary>The password in the stand-in cluster's <c>.hub/pg.env</c> (port 55999; no cluster runs).</summary>
    public string PgPassword { get; }

    /// <summary>The port where the stand-in hub answers 200: never the default 7071.</summary>
    public int HealthPort { get; }

    public string HealthUrl => $"http://127.0.0.1:{HealthPort}";

    /// <summary>Makes the stand-in hub "run": a live pid in <c>.hub/hub.pid</c>, and, if given, a recorded URL.</summary>
    public int StartFakeHub(string? recordedUrl)
    {
        fakeHub = Process.Start(new ProcessStartInfo("sleep", "300") { UseShellExecute = false })!;
        File.WriteAllText(Path.Combine(HubDirectory, "hub.pid"), fakeHub.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (recordedUrl is not null)
        {
            File.WriteAllText(Path.Combine(HubDirectory, "hub.url"), recordedUrl + "\n");
        }

        return fakeHub.Id;
    }

    /// <summary>Puts a <c>dotnet</c> first on the script's PATH that logs its arguments (a line each) to <see cref="DotnetCalls"/>,
    /// waits <paramref name="seconds"/> and prints <paramref name="output"/>.</summary>
    public void FakeDotnet(double seconds = 0, string output = "")
    {
        var bin = Directory.CreateDirectory(Path.Combine(Root, "fake-bin")).FullName;
        var script = Path.Combine(bin, "dotnet");
        File.WriteAllText(script, $"""
            #!/usr/bin/env bash
            printf '%s ' "$@" >> '{DotnetCalls}'
            echo >> '{DotnetCalls}'
            sleep {seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}
            printf '%s\n' '{output}'

            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public string DotnetCalls => Path.Combine(Root, "dotnet-calls.txt");

    /// <summary>Runs <c>./hub</c> with the arguments; <paramref name="environment"/> is added to (or, null values, removed from)
    /// the test's own environment. HUB_PORT is removed unless given.</summary>
    public async Task<ScriptResult> RunAsync(string[] arguments, IReadOnlyDictionary<string, string?>? environment = null, int timeoutSeconds = 60)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(Root, "hub"), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Root,
        };
        start.Environment.Remove("HUB_PORT");
        if (Directory.Exists(Path.Combine(Root, "fake-bin")))
        {
            start.Environment["PATH"] = Path.Combine(Root, "fake-bin") + ":" + start.Environment["PATH"];
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return new ScriptResult(process.ExitCode, await output, await error);
    }

    public void Dispose()
    {
        stop.Cancel();
        health.Dispose();
        if (fakeHub is { HasExited: false })
        {
            fakeHub.Kill();
        }

        fakeHub?.Dispose();
        stop.Dispose();
        Directory.Delete(Root, recursive: true);
    }

    private async Task AnswerHealthAsync(CancellationToken cancellationToken)
    {
        var answer = Encoding.ASCII.GetBytes("HTTP/1.0 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var client = await health.AcceptTcpClientAsync(cancellationToken);
                var stream = client.GetStream();
                var buffer = new byte[4096];
                _ = await stream.ReadAsync(buffer, cancellationToken);
                await stream.WriteAsync(answer, cancellationToken);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException or IOException)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }
}

/// <summary>What a run of the script said and how it ended.</summary>
public sealed record ScriptResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}
