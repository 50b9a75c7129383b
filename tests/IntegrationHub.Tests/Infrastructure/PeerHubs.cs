using IntegrationHub.Flows.Federation.Messaging;
using IntegrationHub.Flows.Federation.Signing;

namespace IntegrationHub.Tests.Infrastructure;

/// <summary>
/// Two real hub processes registered as each other's peer: Chongqing (<see cref="A"/>, 500000) and Sichuan (<see cref="B"/>,
/// 510000), each with its own database, protection keys, signing key and admin token.
/// </summary>
/// <remarks>
/// B's registry also holds an expired key of A (<see cref="ExpiredKeyOfA"/>) and gives A the status service with three
/// fields (not <c>employmentForm</c>) and transfers, not events, so that tests can send what the agreement does not allow.
/// </remarks>
public sealed class PeerHubs : IAsyncDisposable
{
    public const string RegionA = "500000";
    public const string RegionB = "510000";
    public static readonly string[] FieldsForA = ["employed", "registeredUnemployedSince", "difficultyCategories"];

    private readonly Dictionary<string, string> settingsA;
    private readonly Dictionary<string, string> settingsB;
    private readonly Dictionary<string, string> environmentB;
    private readonly bool timers;

    private PeerHubs(Dictionary<string, string> settingsA, Dictionary<string, string> settingsB, Dictionary<string, string> environmentB,
        bool timers)
    {
        this.settingsA = settingsA;
        this.settingsB = settingsB;
        this.environmentB = environmentB;
        this.timers = timers;
    }

    public HandlerProcess A { get; private set; } = null!;

    public HandlerProcess? B { get; private set; }

    public required string DatabaseA { get; init; }

    public required string DatabaseB { get; init; }

    public required string AdminTokenA { get; init; }

    public required string AdminTokenB { get; init; }

    public required SigningKey KeyOfA { get; init; }

    public required SigningKey ExpiredKeyOfA { get; init; }

    public required SigningKey KeyOfB { get; init; }

    public required int PortA { get; init; }

    public required int PortB { get; init; }

    /// <param name="extraA">More settings of A (<c>Federation:Retries</c>…); <paramref name="extraB"/> of B.</param>
    public static async Task<PeerHubs> StartAsync(string name, bool timers = true, IReadOnlyDictionary<string, string>? extraA = null,
        IReadOnlyDictionary<string, string>? extraB = null)
    {
        var databaseA = await TestDatabase.CreateMigratedAsync(name + "_a");
        var databaseB = await TestDatabase.CreateMigratedAsync(name + "_b");
        var tokenA = await IssueAdminAsync(databaseA);
        var tokenB = await IssueAdminAsync(databaseB);
        var keyA = SigningKey.Create("cq-2026");
        var expired = SigningKey.Create("cq-2020");
        var keyB = SigningKey.Create("sc-2026");
        var portA = HandlerProcess.FreePort();
        var portB = HandlerProcess.FreePort();
        var settingsA = Hub(RegionA, keyA, RegionB, portB, [keyB], [], ["status", "transfer", "events"], PeerServicesAll());
        var settingsB = Hub(RegionB, keyB, RegionA, portA, [keyA], [expired], ["status", "transfer"], FieldsForA);
        foreach (var (key, value) in extraA ?? new Dictionary<string, string>())
        {
            settingsA[key] = value;
        }

        foreach (var (key, value) in extraB ?? new Dictionary<string, string>())
        {
            settingsB[key] = value;
        }

        // B has protection keys of its own: two hubs share no secret.
        var environmentB = new Dictionary<string, string>
        {
            ["HUB_PROTECTION__IDENTITYKEY"] = IntegrationHub.Platform.Protection.IdentityProtector.NewKey(),
            ["HUB_PROTECTION__BLINDINDEXKEY"] = IntegrationHub.Platform.Protection.IdentityProtector.NewKey(),
        };
        var hubs = new PeerHubs(settingsA, settingsB, environmentB, timers)
        {
            PortA = portA, DatabaseA = databaseA, DatabaseB = databaseB, AdminTokenA = tokenA, AdminTokenB = tokenB, KeyOfA = keyA,
            ExpiredKeyOfA = expired, KeyOfB = keyB, PortB = portB,
        };
        await hubs.StartAAsync();
        await hubs.StartBAsync();
        return hubs;
    }

    /// <summary>Starts A (again, after <see cref="StopA"/>), on the same port, database and keys; <paramref name="timers"/>
    /// overrides the pair's setting.</summary>
    public async Task StartAAsync(bool? timers = null) =>
        A = await HandlerProcess.StartAsync(DatabaseA, timers ?? this.timers, settingsA, port: PortA);

    /// <summary>Kills A the hard way.</summary>
    public void StopA() => A?.Dispose();

    /// <summary>Starts B (again, after <see cref="StopB"/>), on the same port, database and keys; <paramref name="timers"/>
    /// overrides the pair's setting.</summary>
    public async Task StartBAsync(bool? timers = null) =>
        B = await HandlerProcess.StartAsync(DatabaseB, timers ?? this.timers, settingsB, environmentB, PortB);

    /// <summary>Kills B the hard way.</summary>
    public void StopB()
    {
        B?.Dispose();
        B = null;
    }

    /// <summary>Runs a command of the handler (<c>peer verify-log</c>) with B's configuration; its exit code and output.</summary>
    public async Task<(int ExitCode, string Output)> RunOnBAsync(params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "IntegrationHub.Handler.dll"), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["HUB_DATABASE__CONNECTIONSTRING"] = DatabaseB;
        start.Environment["HUB_FUNCTIONSROOT"] = Path.Combine(RepositoryPaths.Root, "functions");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settingsB)
        {
            start.Environment["HUB_" + key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        foreach (var (name, value) in environmentB)
        {
            start.Environment[name] = value;
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }

    /// <summary>Signs <paramref name="body"/> as A would (or with another key), for tests that send B messages by hand.</summary>
    public static string Sign(SigningKey key, string service, byte[] body, string sender = RegionA, string receiver = RegionB,
        DateTimeOffset? at = null, string? messageId = null, string? keyId = null) =>
        DetachedJws.Sign(new MessageHeader(messageId ?? Guid.NewGuid().ToString("N"), sender, receiver, service,
            at ?? DateTimeOffset.UtcNow, keyId ?? key.Id), body, key.Key);

    /// <summary>Posts a hand-made peer message to B.</summary>
    public async Task<HttpResponseMessage> PostToBAsync(string service, byte[] body, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/peer/{service}", UriKind.Relative))
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (signature is not null)
        {
            request.Headers.Add(PeerHeaders.Signature, signature);
        }

        return await B!.Client.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> SendAsync(HandlerProcess hub, HttpMethod method, string path, string token, string? json,
        params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await hub.Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        StopA();
        StopB();
        await ValueTask.CompletedTask;
    }

    private static string[] PeerServicesAll() => ["employed", "employmentForm", "registeredUnemployedSince", "difficultyCategories", "graduateStatus"];

    private static Dictionary<string, string> Hub(string region, SigningKey own, string peerRegion, int peerPort, SigningKey[] peerKeys,
        SigningKey[] expiredPeerKeys, string[] services, string[] statusFields)
    {
        var settings = new Dictionary<string, string>
        {
            ["Federation:Region"] = region,
            ["Federation:SigningKeyId"] = own.Id,
            ["Federation:SigningKey"] = own.PrivateKey,
            ["Federation:Retries"] = "2",
            ["Federation:RetryDelay"] = "00:00:00.100",
            ["Federation:AttemptTimeout"] = "00:00:05",
            ["Federation:BreakerDuration"] = "00:00:02",
            ["Federation:TransferLease"] = "00:00:20",
            ["Federation:Peers:0:Region"] = peerRegion,
            ["Federation:Peers:0:BaseUrl"] = $"http://127.0.0.1:{peerPort}",
            ["Identity:InlineMaxRecords"] = "100",
        };
        var k = 0;
        foreach (var key in peerKeys)
        {
            settings[$"Federation:Peers:0:Keys:{k}:Id"] = key.Id;
            settings[$"Federation:Peers:0:Keys:{k}:PublicKey"] = key.PublicKey;
            settings[$"Federation:Peers:0:Keys:{k}:NotBefore"] = "2025-01-01T00:00:00Z";
            k++;
        }

        foreach (var key in expiredPeerKeys)
        {
            settings[$"Federation:Peers:0:Keys:{k}:Id"] = key.Id;
            settings[$"Federation:Peers:0:Keys:{k}:PublicKey"] = key.PublicKey;
            settings[$"Federation:Peers:0:Keys:{k}:NotBefore"] = "2020-01-01T00:00:00Z";
            settings[$"Federation:Peers:0:Keys:{k}:NotAfter"] = "2021-01-01T00:00:00Z";
            k++;
        }

        foreach (var service in services)
        {
            var fields = service == "status" ? statusFields : ["*"];
            for (var f = 0; f < fields.Length; f++)
            {
                settings[$"Federation:Peers:0:Services:{service}:Fields:{f}"] = fields[f];
            }
        }

        return settings;
    }

    private static async Task<string> IssueAdminAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var token = BearerToken.Create();
        await new CredentialStore(dataSource, TimeProvider.System).IssueAsync("admin", PrincipalKind.Admin, token, CancellationToken.None);
        return token;
    }
}

/// <summary>A P-256 key pair for tests, with the forms the configuration takes.</summary>
public sealed record SigningKey(string Id, ECDsa Key)
{
    public string PrivateKey => Convert.ToBase64String(Key.ExportPkcs8PrivateKey());

    public string PublicKey => Convert.ToBase64String(Key.ExportSubjectPublicKeyInfo());

    public static SigningKey Create(string id) => new(id, ECDsa.Create(ECCurve.NamedCurves.nistP256));
}
