using IntegrationHub.Flows.Exchange;
using IntegrationHub.Flows.Exchange.Delivery;
using IntegrationHub.Flows.Exchange.Findings;
using IntegrationHub.Flows.Exchange.Rules;
using IntegrationHub.Identity.Linking;
using IntegrationHub.Intake.Exchange;
using IntegrationHub.Labor;
using IntegrationHub.Labor.Evidence;
using IntegrationHub.Labor.Households;
using IntegrationHub.Labor.Worker;

namespace IntegrationHub.Tests.Flows.Exchange;

/// <summary>
/// A hub on its own database for the department exchange: records go in through intake as the departments send them, are
/// linked by the real linkers and compared by a findings worker on a clock the test moves.
/// </summary>
public sealed class ExchangeScenario : IAsyncDisposable
{
    private int batches;

    private ExchangeScenario(IntakeHarness hub, string outbox)
    {
        Hub = hub;
        Outbox = outbox;
    }

    public IntakeHarness Hub { get; }

    /// <summary>The scenario's own outbox folder (deleted at the end).</summary>
    public string Outbox { get; }

    /// <summary>Noon on 20 November 2026 in Chongqing.</summary>
    public ManualTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 20, 4, 0, 0, TimeSpan.Zero));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static async Task<ExchangeScenario> StartAsync(string name, IDictionary<string, string?>? settings = null)
    {
        var outbox = Path.Combine(Path.GetTempPath(), $"hub-outbox-{name}-{Guid.NewGuid():N}");
        var all = new Dictionary<string, string?>
        {
            ["Identity:Matching:FormerNumberInterval"] = "00:00:00",
            ["DepartmentExchange:Outbox"] = outbox,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return new ExchangeScenario(await IntakeHarness.StartAsync(name, all), outbox);
    }

    public HubCalendar Calendar => new(Clock, Hub.Server.Services.GetRequiredService<IOptions<CalendarOptions>>());

    public FindingsWorker NewWorker() => new(Hub.DataSource, Hub.Server.Services.GetRequiredService<EvidenceLoader>(),
        Hub.Server.Services.GetRequiredService<RuleCatalog>(), Calendar, Hub.Server.Services.GetRequiredService<IOptions<ExchangeFlowOptions>>());

    /// <summary>A delivery on the scenario's clock, writing into its outbox folder.</summary>
    public FindingsDelivery NewDelivery()
    {
        var services = Hub.Server.Services;
        return new FindingsDelivery(Hub.DataSource, services.GetRequiredService<FindingQueries>(), services.GetRequiredService<DeliverySchedules>(),
            new AuditLog(Clock), Calendar, services.GetRequiredService<IOptions<ExchangeFlowOptions>>(),
            services.GetRequiredService<IOptions<ExchangeOptions>>(), NullLogger<FindingsDelivery>.Instance);
    }

    /// <summary>Sends the records as one batch of the feed; every record must be accepted (warnings allowed).</summary>
    public Task SendAsync(string department, string feed, params JsonObject[] records) =>
        Hub.SendAcceptedAsync(department, feed, $"exchange-{department}-{Interlocked.Increment(ref batches):D4}", records);

    /// <summary>Links what intake stored (deterministically, then probabilistically with consolidation), lets labor derive
    /// its facts and verifications, and compares every marked person.</summary>
    public async Task SettleAsync()
    {
        var services = Hub.Server.Services;
        await services.GetRequiredService<DeterministicLinker>().LinkAllAsync(Token);
        await services.GetRequiredService<ProbabilisticLinker>().LinkAllAsync(Token);
        var labor = services.GetRequiredService<IOptions<LaborOptions>>();
        await new LaborWorker(new PersonPass(Hub.DataSource, services.GetRequiredService<EvidenceLoader>(), Calendar, labor),
            new HouseholdPass(Hub.DataSource, Calendar, labor), Clock, labor).RunUntilIdleAsync(Token);
        await NewWorker().RunUntilIdleAsync(Token);
    }

    /// <summary>The findings stored, of one department or all, oldest first.</summary>
    public async Task<List<Row>> FindingsAsync(string? department = null)
    {
        await using var command = Hub.DataSource.CreateCommand("""
            SELECT rule_id, department, finding_key, record_ids, period_from, period_to, evidence::text, detail::text, open, number_cipher IS NOT NULL
            FROM exchange_finding WHERE @d::text IS NULL OR department = @d ORDER BY finding_id
            """);
        command.Parameters.AddWithValue("d", NpgsqlTypes.NpgsqlDbType.Text, (object?)department ?? DBNull.Value);
        var rows = new List<Row>();
        await using var reader = await command.ExecuteReaderAsync(Token);
        while (await reader.ReadAsync(Token))
        {
            rows.Add(new Row(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<string[]>(3), reader.GetString(4),
                reader.GetString(5), JsonNode.Parse(reader.GetString(6))!.AsArray(), JsonNode.Parse(reader.GetString(7))!.AsObject(),
                reader.GetBoolean(8), reader.GetBoolean(9)));
        }

        return rows;
    }

    /// <summary>The types of the finding events in outbox order, short (finding.opened.v1).</summary>
    public async Task<List<(string Type, JsonObject Data)>> EventsAsync()
    {
        await using var command = Hub.DataSource.CreateCommand(
            "SELECT type, data::text FROM event_outbox WHERE type LIKE 'cn.gov.hrss.hub.finding.%' ORDER BY position");
        var events = new List<(string, JsonObject)>();
        await using var reader = await command.ExecuteReaderAsync(Token);
        while (await reader.ReadAsync(Token))
        {
            events.Add((reader.GetString(0)["cn.gov.hrss.hub.".Length..], JsonNode.Parse(reader.GetString(1))!.AsObject()));
        }

        return events;
    }

    /// <summary>GETs the path with the principal's token (none when null) and the purpose (none when null); a reply is captured
    /// under <paramref name="schema"/> (an error under <c>Error</c>) for the OpenAPI check.</summary>
    public async Task<IntakeHarness.Response> GetAsync(string path, string? principal, string? purpose, string schema)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (principal is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Hub.Tokens[principal]);
        }

        if (purpose is not null)
        {
            request.Headers.Add("X-Purpose", purpose);
        }

        var response = await IntakeHarness.Response.ReadAsync(await Hub.Server.Client.SendAsync(request, Token));
        ResponseCapture.Save(response.Status == 200 ? schema : "Error", response.Body);
        return response;
    }

    public async ValueTask DisposeAsync()
    {
        await Hub.DisposeAsync();
        if (Directory.Exists(Outbox))
        {
            Directory.Delete(Outbox, recursive: true);
        }
    }

    public sealed record Row(string Rule, string Department, string Key, string[] RecordIds, string From, string To, JsonArray Evidence,
        JsonObject Detail, bool Open, bool HasNumber)
    {
        public IEnumerable<string> EvidenceFeeds => Evidence.Select(e => $"{e!["department"]}/{e["feed"]}");
    }
}
