using IntegrationHub.Tests.Flows.Exchange;
using static IntegrationHub.Tests.Labor.LaborRecords;

namespace IntegrationHub.Tests.Handler.Api.DepartmentExchange;

public sealed class FindingsApiTests() : ExchangeScenarioTests(nameof(FindingsApiTests))
{
    private static readonly string Person = IdNumber("19790301", 61);
    private static readonly string Former = IdNumber("19790301", 63);

    protected override async Task SetUpAsync()
    {
        await Scenario.SendAsync("hr", "employment-registration", Registration("api-u", Person, "unemployment", "2026-06-10"));
        await Scenario.SendAsync("tax", "wage-withholding", Tax("api-w", Person, "2026-08"), Tax("api-old", Former, "2026-09"));
        await Scenario.SettleAsync();
        var change = Household("api-h", Person, "500103-000555", "number-change", "2026-10-20");
        change["formerIdNumber"] = Former;
        await Scenario.SendAsync("ps", "household-registration", change);
        await Scenario.SettleAsync();
    }

    private IntakeHarness Hub => Scenario.Hub;

    [Fact]
    public async Task Get_OwnToken_ListsOnlyTheDepartmentsFindingsAndAuditsThePurpose()
    {
        var response = await GetAsync("/api/departments/hr/findings", Hub.Tokens["hr"], purpose: "monthly-comparison-review");

        Assert.Equal(200, response.Status);
        var finding = Assert.Single(response.Json.GetProperty("findings").EnumerateArray());
        Assert.Equal("unemployed-while-paid", finding.GetProperty("ruleId").GetString());
        Assert.Equal("api-u", finding.GetProperty("recordIds")[0].GetString());
        Assert.Equal("open", finding.GetProperty("status").GetString());
        Assert.Equal(1, await Hub.CountAsync("SELECT count(*) FROM audit_log WHERE action = 'findings.read' AND actor = 'hr' AND purpose = 'monthly-comparison-review'"));
    }

    [Fact]
    public async Task Get_NumberFinding_ShowsTheNumberToItsOwnSenderOnly()
    {
        var response = await GetAsync("/api/departments/tax/findings?rule=number-change", Hub.Tokens["tax"]);

        var finding = Assert.Single(response.Json.GetProperty("findings").EnumerateArray());
        Assert.Equal(Former, finding.GetProperty("idNumber").GetString());
        Assert.Equal(403, (await GetAsync("/api/departments/tax/findings", Hub.Tokens["hr"])).Status);
        Assert.Equal(403, (await GetAsync("/api/departments/tax/findings", Hub.Tokens["admin"])).Status);
    }

    [Theory]
    [InlineData("?since=yesterday", "/query/since")]
    [InlineData("?rule=no-such-rule", "/query/rule")]
    [InlineData("?status=closed", "/query/status")]
    public async Task Get_BadQuery_400NamingTheParameter(string query, string pointer)
    {
        var response = await GetAsync("/api/departments/hr/findings" + query, Hub.Tokens["hr"]);

        Assert.Equal(400, response.Status);
        Assert.Equal(pointer, response.Json.GetProperty("errors")[0].GetProperty("path").GetString());
    }

    [Fact]
    public async Task Get_Since_OnlyFindingsChangedAfterIt()
    {
        var all = await GetAsync("/api/departments/hr/findings", Hub.Tokens["hr"]);
        var changed = all.Json.GetProperty("findings")[0].GetProperty("changedAt").GetString();

        var after = await GetAsync($"/api/departments/hr/findings?since={Uri.EscapeDataString(changed!)}", Hub.Tokens["hr"]);

        Assert.Equal(0, after.Json.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Ack_Twice_SecondChangesNothing()
    {
        var id = await FindingIdAsync("hr");

        var first = await PostAckAsync("hr", $$"""{"findingIds":["{{id}}"]}""", Hub.Tokens["hr"]);
        var second = await PostAckAsync("hr", $$"""{"findingIds":["{{id}}"]}""", Hub.Tokens["hr"]);

        Assert.Equal((200, 1, 0), (first.Status, first.Json.GetProperty("acknowledged").GetInt32(), first.Json.GetProperty("alreadyAcknowledged").GetInt32()));
        Assert.Equal((200, 0, 1), (second.Status, second.Json.GetProperty("acknowledged").GetInt32(), second.Json.GetProperty("alreadyAcknowledged").GetInt32()));
    }

    [Fact]
    public async Task Ack_AnotherDepartmentsFinding_403AndNothingAcknowledged()
    {
        var taxFinding = await FindingIdAsync("tax");

        var response = await PostAckAsync("hr", $$"""{"findingIds":["{{taxFinding}}"]}""", Hub.Tokens["hr"]);

        Assert.Equal(403, response.Status);
        Assert.Equal("/findingIds/0", response.Json.GetProperty("errors")[0].GetProperty("path").GetString());
        Assert.Equal(0, await Hub.CountAsync("SELECT count(*) FROM exchange_finding WHERE acknowledged_at IS NOT NULL"));
    }

    [Theory]
    [InlineData("""{"findingIds":["F000000001","x"]}""", 400, "/findingIds/1")]
    [InlineData("""{"ids":[]}""", 400, "/findingIds")]
    [InlineData("""{"findingIds":["F999999999"]}""", 404, "/findingIds/0")]
    public async Task Ack_BadBody_RefusedNamingThePlace(string body, int status, string pointer)
    {
        var response = await PostAckAsync("hr", body, Hub.Tokens["hr"]);

        Assert.Equal(status, response.Status);
        Assert.Equal(pointer, response.Json.GetProperty("errors")[0].GetProperty("path").GetString());
    }

    [Fact]
    public async Task Ack_AnotherDepartmentsRoute_403()
    {
        var response = await PostAckAsync("tax", """{"findingIds":["F000000001"]}""", Hub.Tokens["hr"]);

        Assert.Equal(403, response.Status);
    }

    private async Task<string> FindingIdAsync(string department) =>
        (await GetAsync($"/api/departments/{department}/findings", Hub.Tokens[department])).Json.GetProperty("findings")[0]
        .GetProperty("findingId").GetString()!;

    private async Task<IntakeHarness.Response> GetAsync(string path, string token, string? purpose = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (purpose is not null)
        {
            request.Headers.Add("X-Purpose", purpose);
        }

        var response = await IntakeHarness.Response.ReadAsync(await Hub.Server.Client.SendAsync(request, TestContext.Current.CancellationToken));
        // A number shown to its own sender is entitled; it is kept out of the captures the identity-number scan reads.
        if (!response.Body.Contains("\"idNumber\"", StringComparison.Ordinal))
        {
            ResponseCapture.Save(response.Status == 200 ? "FindingList" : "Error", response.Body);
        }

        return response;
    }

    private async Task<IntakeHarness.Response> PostAckAsync(string department, string body, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/departments/{department}/findings/ack", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await IntakeHarness.Response.ReadAsync(await Hub.Server.Client.SendAsync(request, TestContext.Current.CancellationToken));
        ResponseCapture.Save(response.Status == 200 ? "FindingsAcknowledged" : "Error", response.Body);
        return response;
    }
}
