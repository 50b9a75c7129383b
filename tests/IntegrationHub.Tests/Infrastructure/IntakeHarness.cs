using IntegrationHub.Identity.Linking;

namespace IntegrationHub.Tests.Infrastructure;

/// <summary>A hub on its own database with a token for every department and the admin, and helpers to send batches.</summary>
public sealed partial class IntakeHarness : IAsyncDisposable
{
    private IntakeHarness(HubServer server, NpgsqlDataSource dataSource, Dictionary<string, string> tokens)
    {
        Server = server;
        DataSource = dataSource;
        Tokens = tokens;
    }

    public HubServer Server { get; }

    public NpgsqlDataSource DataSource { get; }

    public IReadOnlyDictionary<string, string> Tokens { get; }

    /// <param name="hubPoolSize">The most connections the hub may hold at once (the harness's own are apart), waiting 5 s
    /// for one at most: a path that needs a second connection while it holds one then fails rather than waits.</param>
    public static async Task<IntakeHarness> StartAsync(string name, IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null, int? hubPoolSize = null)
    {
        var connectionString = await TestDatabase.CreateMigratedAsync(name);
        var hubConnection = hubPoolSize is { } size
            ? new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = size, Timeout = 5 }.ConnectionString
            : connectionString;
        var server = await HubServer.StartAsync(hubConnection, settings, services);
        var store = server.Services.GetRequiredService<CredentialStore>();
        var tokens = new Dictionary<string, string>();
        foreach (var principal in Departments.All.Append("admin"))
        {
            tokens[principal] = BearerToken.Create();
            await store.IssueAsync(principal, principal == "admin" ? PrincipalKind.Admin : PrincipalKind.Department, tokens[principal],
                CancellationToken.None);
        }

        return new IntakeHarness(server, NpgsqlDataSource.Create(connectionString), tokens);
    }

    public Task<Response> PostJsonAsync(string department, string feed, string body, string? token = null) =>
        SendAsync(department, feed, new StringContent(body, Encoding.UTF8, "application/json"), token ?? Tokens[department]);

    public Task<Response> PostNdjsonAsync(string department, string feed, string body, string? token = null) =>
        SendAsync(department, feed, new StringContent(body, Encoding.UTF8, "application/x-ndjson"), token ?? Tokens[department]);

    public async Task<Response> SendAsync(string department, string feed, HttpContent content, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/feeds/{department}/{feed}", UriKind.Relative)) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await Response.ReadAsync(await Server.Client.SendAsync(request, TestContext.Current.CancellationToken));
        ResponseCapture.Save(response.Status == 200 ? "BatchReport" : response.Body.Contains("\"report\"", StringComparison.Ordinal)
            ? "ErrorWithReport" : "Error", response.Body);
        return response;
    }

    public async Task<Response> GetAsync(string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await Response.ReadAsync(await Server.Client.SendAsync(request, TestContext.Current.CancellationToken));
        var schema = path.StartsWith("/api/admin/links", StringComparison.Ordinal) && response.Status == 200 ? null
            : response.Status != 200 ? "Error"
            : path.EndsWith("/rejected", StringComparison.Ordinal) || path.Contains("/rejected?", StringComparison.Ordinal) ? "RejectedRecords"
            : path.StartsWith("/api/admin/identity", StringComparison.Ordinal) ? "IdentityStatus"
            : path.StartsWith("/api/review", StringComparison.Ordinal) ? "ReviewItems"
            : response.Body.Contains("\"incomplete\"", StringComparison.Ordinal) ? "BatchProgress"
            : "BatchReport";
        if (schema is not null)
        {
            ResponseCapture.Save(schema, response.Body);
        }

        return response;
    }

    public async Task<Response> PostAdminAsync(string path, string body = "{}")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Tokens["admin"]);
        var response = await Response.ReadAsync(await Server.Client.SendAsync(request, TestContext.Current.CancellationToken));
        if (response.Status >= 400)
        {
            ResponseCapture.Save("Error", response.Body);
        }

        return response;
    }

    public async Task<long> CountAsync(string sql, params NpgsqlParameter[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        command.Parameters.AddRange(parameters);
        return Convert.ToInt64(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Links what is stored and not yet linked on valid identity numbers: the link timer's first step, without its
    /// time budget.</summary>
    public Task<LinkOutcome> RunDeterministicLinkerAsync() =>
        Server.Services.GetRequiredService<DeterministicLinker>().LinkAllAsync(TestContext.Current.CancellationToken);

    /// <summary>Matches the deferred records probabilistically: the link timer's second step, without its time budget.</summary>
    public Task<LinkOutcome> RunProbabilisticLinkerAsync() =>
        Server.Services.GetRequiredService<ProbabilisticLinker>().LinkAllAsync(TestContext.Current.CancellationToken);

    /// <summary>Both steps of the link timer, in its order, without its time budget.</summary>
    public async Task RunLinkersAsync()
    {
        await RunDeterministicLinkerAsync();
        await RunProbabilisticLinkerAsync();
    }

    /// <summary>A JSON batch of copies of the records, as the scenarios send them: extracted on the evening of 20 November 2026
    /// in Chongqing (500000).</summary>
    public static string Batch(string batchId, IEnumerable<JsonObject> records) => new JsonObject
    {
        ["batchId"] = batchId, ["schemaVersion"] = "1", ["extractedAt"] = "2026-11-20T18:00:00+08:00", ["region"] = "500000",
        ["records"] = new JsonArray([.. records.Select(r => (JsonNode)r.DeepClone())]),
    }.ToJsonString();

    /// <summary>Sends the records as one batch of the feed; every record must be taken (accepted, warned or unchanged).</summary>
    public async Task SendAcceptedAsync(string department, string feed, string batchId, IEnumerable<JsonObject> records)
    {
        var response = await PostJsonAsync(department, feed, Batch(batchId, records));
        Assert.Equal(200, response.Status);
        Assert.Equal(0, response.Json.GetProperty("rejected").GetInt32());
    }

    public static string Sample(string department, string feed, string kind) =>
        File.ReadAllText(Path.Combine(RepositoryPaths.Samples, department, $"{feed}.{kind}.json"));

    /// <summary>A sample batch under a new batchId, so tests sharing a database never collide.</summary>
    public static string SampleWithBatchId(string department, string feed, string kind, string batchId)
    {
        var node = JsonNode.Parse(Sample(department, feed, kind))!;
        node["batchId"] = batchId;
        return node.ToJsonString();
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await Server.DisposeAsync();
    }

    public sealed record Response(int Status, string Body)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;

        /// <summary>Asserts a batch taken but for one record (200, <paramref name="accepted"/> accepted) and returns that record.</summary>
        public JsonElement SingleRejected(int accepted)
        {
            Assert.Equal(200, Status);
            Assert.Equal(accepted, Json.GetProperty("accepted").GetInt32());
            return Assert.Single(Json.GetProperty("records").EnumerateArray());
        }

        public static async Task<Response> ReadAsync(HttpResponseMessage message)
        {
            using (message)
            {
                return new Response((int)message.StatusCode, await message.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            }
        }
    }
}
