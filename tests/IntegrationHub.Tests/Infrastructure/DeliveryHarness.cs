using IntegrationHub.Events.Dispatch;
using IntegrationHub.Intake.Rules;

namespace IntegrationHub.Tests.Infrastructure;

/// <summary>A hub on its own database with the dispatcher not running by itself (tests run its passes), a manual clock,
/// an admin token, and helpers to write events and manage subscriptions.</summary>
public sealed class DeliveryHarness : IAsyncDisposable
{
    private DeliveryHarness(HubServer server, NpgsqlDataSource dataSource, string adminToken, ManualTimeProvider clock)
    {
        Server = server;
        DataSource = dataSource;
        AdminToken = adminToken;
        Clock = clock;
    }

    public HubServer Server { get; }

    public NpgsqlDataSource DataSource { get; }

    public string AdminToken { get; }

    public ManualTimeProvider Clock { get; }

    public Dispatcher Dispatcher => Server.Services.GetRequiredService<Dispatcher>();

    public static async Task<DeliveryHarness> StartAsync(string name, IDictionary<string, string?>? settings = null, bool manualClock = true,
        Action<IServiceCollection>? services = null)
    {
        var connectionString = await TestDatabase.CreateMigratedAsync(name);
        var all = new Dictionary<string, string?>
        {
            ["Events:AllowLoopbackHttp"] = "true",
            ["Events:MaxAttempts"] = "3",
            ["Events:BreakerFailures"] = "1000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var clock = new ManualTimeProvider();
        var server = await HubServer.StartAsync(connectionString, all, collection =>
        {
            if (manualClock)
            {
                collection.AddSingleton<TimeProvider>(clock);
            }

            services?.Invoke(collection);
        });
        var admin = BearerToken.Create();
        await server.Services.GetRequiredService<CredentialStore>().IssueAsync("admin", PrincipalKind.Admin, admin, CancellationToken.None);
        return new DeliveryHarness(server, NpgsqlDataSource.Create(connectionString), admin, clock);
    }

    /// <summary>Writes events through the outbox, one transaction, in order; returns their event ids.</summary>
    public async Task<IReadOnlyList<Guid>> EmitAsync(IEnumerable<(string Subject, JsonObject Data)> events, string type = EventTypes.EmploymentStarted)
    {
        var drafts = events.Select(e => new EventDraft(type, e.Subject, Clock.GetUtcNow(), e.Data)).ToList();
        await using var connection = await DataSource.OpenConnectionAsync(Token);
        await using var transaction = await connection.BeginTransactionAsync(Token);
        var positions = await EventOutbox.AppendAsync(connection, transaction, drafts, Token);
        await transaction.CommitAsync(Token);
        await using var ids = DataSource.CreateCommand("SELECT event_id FROM event_outbox WHERE position = ANY (@p) ORDER BY position");
        ids.Parameters.AddWithValue("p", positions.ToArray());
        var list = new List<Guid>();
        await using var reader = await ids.ExecuteReaderAsync(Token);
        while (await reader.ReadAsync(Token))
        {
            list.Add(reader.GetGuid(0));
        }

        return list;
    }

    /// <summary>The employer of <see cref="Employment"/>: a GB 32100 code with its real check character.</summary>
    public static string EmployerCreditCode { get; } = "91500000MA5U00000" + CreditCode.CheckCharacter("91500000MA5U00000");

    /// <summary>
    /// An employment.started event's data, valid against its schema in contracts/events. <paramref name="n"/> tells the
    /// events of one person apart (spellId <c>spell-{n}</c>, for order checks); the source record id
    /// <c>secret-record-{n}</c> is a value no subscription in these tests may see.
    /// </summary>
    public static JsonObject Employment(string personId, int n) => new()
    {
        ["personId"] = personId,
        ["spellId"] = Spell(n),
        ["employerCreditCode"] = EmployerCreditCode,
        ["employmentForm"] = "platform",
        ["from"] = "2026-01",
        ["sources"] = new JsonArray(new JsonObject
        {
            ["department"] = "hr",
            ["feed"] = "employment-registration",
            ["recordId"] = HiddenRecord(n),
            ["version"] = 1,
        }),
    };

    /// <summary>An employment.ended event's data: <see cref="Employment"/> with the month it ended.</summary>
    public static JsonObject EmploymentEnded(string personId, int n)
    {
        var data = Employment(personId, n);
        data["to"] = "2026-06";
        return data;
    }

    public static string Spell(int n) => string.Create(CultureInfo.InvariantCulture, $"spell-{n}");

    /// <summary>The marker of the field outside every allow-list in these tests (a source record id).</summary>
    public static string HiddenRecord(int n) => string.Create(CultureInfo.InvariantCulture, $"secret-record-{n}");

    public Task<(int Status, JsonNode? Body)> AdminAsync(HttpMethod method, string path, string? body = null, string? token = null) =>
        AdminAsync(method, path, body is null ? null : Encoding.UTF8.GetBytes(body), token);

    /// <summary>A request whose body is sent byte for byte, as a client that writes invalid UTF-8 would send it.</summary>
    public async Task<(int Status, JsonNode? Body)> AdminAsync(HttpMethod method, string path, byte[]? body, string? token = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? AdminToken);
        using var response = await Server.Client.SendAsync(request, Token);
        var text = await response.Content.ReadAsStringAsync(Token);
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>Creates a subscription through the API; returns the create response.</summary>
    public async Task<JsonNode> SubscribeAsync(JsonObject subscription)
    {
        var (status, body) = await AdminAsync(HttpMethod.Post, "/api/admin/subscriptions", subscription.ToJsonString());
        if (status != 201)
        {
            throw new InvalidOperationException($"Creating the subscription answered {status}: {body?.ToJsonString()}");
        }

        ResponseCapture.Save("Subscription", body!.ToJsonString());
        return body;
    }

    public static JsonObject Webhook(string name, Uri url, string secret, params string[] fields) => new()
    {
        ["name"] = name,
        ["subscriber"] = name + "-dept",
        ["legalBasis"] = "就业促进法 第十九条",
        ["purpose"] = "precise policy push",
        ["eventTypes"] = new JsonArray("cn.gov.hrss.hub.employment.*"),
        ["fields"] = new JsonArray([.. fields.Select(f => JsonValue.Create(f))]),
        ["identityNumbers"] = false,
        ["destination"] = new JsonObject { ["kind"] = "webhook", ["url"] = url.ToString(), ["secret"] = secret },
    };

    /// <summary>Runs dispatcher passes until one delivers nothing.</summary>
    public async Task DrainAsync()
    {
        while (await Dispatcher.RunOnceAsync(Token) > 0)
        {
        }
    }

    public async Task<long> CountAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(Token), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The CloudEvents in a webhook request, single or batch, in the order sent.</summary>
    public static IReadOnlyList<JsonElement> CloudEvents(ReceivedRequest request)
    {
        var root = JsonDocument.Parse(request.Body).RootElement;
        return root.ValueKind == JsonValueKind.Array ? [.. root.EnumerateArray()] : [root];
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await Server.DisposeAsync();
    }
}
