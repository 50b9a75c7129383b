using IntegrationHub.Flows.Policy;
using IntegrationHub.Flows.Policy.Catalogue;
using IntegrationHub.Flows.Policy.Decisions;
using IntegrationHub.Flows.Policy.Facts;
using IntegrationHub.Identity;
using IntegrationHub.Tests.Labor;

namespace IntegrationHub.Tests.Flows.Policy;

/// <summary>
/// A labor scenario (records through intake, linked, facts derived on a clock the test moves) whose policy decisions are
/// made by a policy worker on the same clock, with helpers to read decisions and policy events.
/// </summary>
public sealed class PolicyScenario : IAsyncDisposable
{
    private PolicyScenario(LaborScenario labor) => Labor = labor;

    public LaborScenario Labor { get; }

    public IntakeHarness Hub => Labor.Hub;

    public ManualTimeProvider Clock => Labor.Clock;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static async Task<PolicyScenario> StartAsync(string name, string? catalogueDirectory = null) =>
        new(await LaborScenario.StartAsync(name, catalogueDirectory is null ? null : new Dictionary<string, string?>
        {
            ["Policy:CatalogueDirectory"] = catalogueDirectory,
        }));

    public PolicyWorker NewWorker()
    {
        var services = Hub.Server.Services;
        var calendar = new HubCalendar(Clock, services.GetRequiredService<IOptions<CalendarOptions>>());
        return new PolicyWorker(Hub.DataSource, services.GetRequiredService<PolicyCatalogueProvider>(),
            services.GetRequiredService<SubjectFactsLoader>(), calendar, Clock, services.GetRequiredService<IOptions<PolicyOptions>>());
    }

    public Task SendAsync(string department, string feed, params JsonObject[] records) => Labor.SendAsync(department, feed, records);

    /// <summary>Links, derives labor facts, then makes every decision due, until nothing is left.</summary>
    public async Task SettleAsync()
    {
        await Labor.SettleAsync();
        await NewWorker().RunUntilIdleAsync(Token);
    }

    /// <summary>Moves the clock to noon (China time) of <paramref name="day"/> and settles.</summary>
    public async Task MoveToAsync(DateOnly day)
    {
        var target = new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.FromHours(8));
        Clock.Advance(target - Clock.GetUtcNow());
        await SettleAsync();
    }

    public async Task<string> PersonAsync(string recordId) => PersonId.Format(await Labor.PersonOfAsync(recordId));

    /// <summary>The policy events in outbox order, of one policy (and subject) or all.</summary>
    public async Task<List<LaborEvent>> EventsAsync(string? policyId = null, string? subject = null) =>
        [.. (await Labor.EventsAsync()).Where(e => e.Type is EventTypes.PolicyEligible or EventTypes.PolicyIneligible
            && (policyId is null || e.Text("policyId") == policyId) && (subject is null || e.Subject == subject))];

    /// <summary>GET /api/policies/{id}/decisions/{subject} as the admin, with a purpose.</summary>
    public async Task<IntakeHarness.Response> DecisionAsync(string policyId, string subject, string? purpose = "eligibility review",
        string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/policies/{policyId}/decisions/{subject}",
            UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Hub.Tokens["admin"]);
        if (purpose is not null)
        {
            request.Headers.Add("X-Purpose", purpose);
        }

        var response = await IntakeHarness.Response.ReadAsync(await Hub.Server.Client.SendAsync(request, Token));
        ResponseCapture.Save(response.Status == 200 ? "PolicyDecision" : "Error", response.Body);
        return response;
    }

    /// <summary>The stored decision's explanation (read as the API gives it), asserting it exists.</summary>
    public async Task<JsonObject> ExplanationAsync(string policyId, string subject)
    {
        var response = await DecisionAsync(policyId, subject);
        Assert.Equal(200, response.Status);
        return JsonNode.Parse(response.Body)!.AsObject();
    }

    /// <summary>GET /api/policies with <paramref name="token"/>.</summary>
    public async Task<IntakeHarness.Response> PoliciesAsync(string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/policies", UriKind.Relative));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await IntakeHarness.Response.ReadAsync(await Hub.Server.Client.SendAsync(request, Token));
        ResponseCapture.Save(response.Status == 200 ? "PolicyCatalogue" : "Error", response.Body);
        return response;
    }

    public async Task<IntakeHarness.Response> PostAsync(string path, string body, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Hub.Tokens["admin"]);
        var response = await IntakeHarness.Response.ReadAsync(await Hub.Server.Client.SendAsync(request, Token));
        if (response.Status >= 400 || path.EndsWith("/simulate", StringComparison.Ordinal))
        {
            ResponseCapture.Save(response.Status == 200 ? "PolicySimulation" : "Error", response.Body);
        }

        return response;
    }

    /// <summary>A district service's pull subscription to the policy events, with those fields and that filter.</summary>
    public static JsonObject DistrictSubscription(string name, JsonObject filter, params string[] fields) => new()
    {
        ["name"] = name,
        ["subscriber"] = name + "-service",
        ["legalBasis"] = "就业促进法 第五十二条",
        ["purpose"] = "precise policy push to the district",
        ["eventTypes"] = new JsonArray("cn.gov.hrss.hub.policy.*"),
        ["fields"] = new JsonArray([.. fields.Select(f => (JsonNode)f)]),
        ["identityNumbers"] = false,
        ["destination"] = new JsonObject { ["kind"] = "pull" },
        ["filter"] = filter,
    };

    /// <summary>Creates the subscription (201 asserted, the response captured); returns its subscriber's token.</summary>
    public async Task<string> SubscribeAsync(JsonObject subscription)
    {
        var response = await PostAsync("/api/admin/subscriptions", subscription.ToJsonString());
        Assert.Equal(201, response.Status);
        ResponseCapture.Save("Subscription", response.Body);
        return JsonNode.Parse(response.Body)!["subscriberToken"]!.GetValue<string>();
    }

    /// <summary>The bytes of the subscription's pull page (after <paramref name="after"/>, else its bookmark), as delivered.</summary>
    public async Task<string> PullAsync(string name, string token, string? after = null)
    {
        var query = after is null ? "" : "?after=" + Uri.EscapeDataString(after);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/subscriptions/{name}/events{query}", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Hub.Server.Client.SendAsync(request, Token);
        var bytes = await response.Content.ReadAsByteArrayAsync(Token);
        Assert.Equal(200, (int)response.StatusCode);
        DeliveredCapture.SavePullPage(bytes);
        return Encoding.UTF8.GetString(bytes);
    }

    public async ValueTask DisposeAsync() => await Labor.DisposeAsync();
}
