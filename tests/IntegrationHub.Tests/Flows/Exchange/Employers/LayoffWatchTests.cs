using IntegrationHub.Flows.Exchange;
using IntegrationHub.Flows.Exchange.Employers;
using static IntegrationHub.Tests.Labor.LaborRecords;

namespace IntegrationHub.Tests.Flows.Exchange.Employers;

public sealed class LayoffWatchTests() : ExchangeScenarioTests(nameof(LayoffWatchTests))
{
    [Fact]
    public async Task Run_SixOfFiftyFiveSeparatedInOctober_WarnsOnceForTheMonitoredEmployer()
    {
        // 55 persons paid in September; 49 of them again in October; HR registers the other 6 ended on 2026-10-10.
        // October: headcount 49, separations 6, previous headcount 55 >= 50 and 6 >= 10% of 55 (5.5): a warning by share.
        await SendWorkforceAsync(Employer, employed: 55, leaving: 6);
        Assert.Equal(200, (await PutAsync($$"""{"enterprises":[{"creditCode":"{{Employer}}","level":"national"}]}""", "hr")).Status);
        await Scenario.SettleAsync();

        var warning = Assert.Single(await Watch().RunAsync(Token));

        Assert.Equal((Employer, "2026-10", 6, 6, 55, 49, "share"), (warning.CreditCode, warning.Month, warning.Separations,
            warning.SeparationsRegistered, warning.PreviousHeadcount, warning.Headcount, warning.Rule));
        Assert.Empty(await Watch().RunAsync(Token));
        Assert.Equal(1, await Scenario.Hub.CountAsync(
            $"SELECT count(*) FROM event_outbox WHERE type = 'cn.gov.hrss.hub.employer.layoff-warning.v1' AND subject = 'employer:{Employer}'"));
        var listed = await GetAsync("/api/monitoring/layoff-warnings?month=2026-10", "hr");
        Assert.Equal(1, listed.Json.GetProperty("count").GetInt32());
    }

    [Theory]
    [InlineData(true, 6, "provincial")] // the same layoff at an employer not monitored
    [InlineData(false, 5, "national")] // 5 < 5.5 (10% of 55) and 5 < 30
    public async Task Run_NotMonitoredOrUnderTheThresholds_NoWarning(bool elsewhere, int leaving, string level)
    {
        await SendWorkforceAsync(elsewhere ? OtherEmployer : Employer, employed: 55, leaving);
        Assert.Equal(200, (await PutAsync($$"""{"enterprises":[{"creditCode":"{{Employer}}","level":"{{level}}"}]}""", "hr")).Status);
        await Scenario.SettleAsync();

        Assert.Empty(await Watch().RunAsync(Token));
    }

    [Fact]
    public async Task GetEmployerMonths_NamesAndFigures_LatestNameFirstAndTheMonthsCounted()
    {
        await SendWorkforceAsync(Employer, employed: 3, leaving: 1);
        var renamed = Tax("lw-renamed", IdNumber("19900101", 201), "2026-11", Employer);
        renamed["employerName"] = "重庆某科技股份有限公司";
        await Scenario.SendAsync("tax", "wage-withholding", renamed);
        await Scenario.SettleAsync();

        var view = await GetAsync($"/api/employers/{Employer}/months?from=2026-09&to=2026-11", "admin");

        Assert.Equal(200, view.Status);
        Assert.Equal("重庆某科技股份有限公司", view.Json.GetProperty("name").GetString());
        // HR's registration named it its own way in between: every other name, the most recent first.
        Assert.Equal(["重庆某单位", "重庆某科技有限公司"], view.Json.GetProperty("otherNames").EnumerateArray().Select(n => n.GetString()));
        var months = view.Json.GetProperty("months").EnumerateArray()
            .Select(m => (m.GetProperty("month").GetString(), m.GetProperty("headcount").GetInt32(), m.GetProperty("newHires").GetInt32(),
                m.GetProperty("separations").GetInt32())).ToList();
        // September: 3 hired; October: 2 stay, 1 separated (HR registered); November: the 2 still open.
        Assert.Equal([("2026-09", 3, 3, 0), ("2026-10", 2, 0, 1), ("2026-11", 2, 0, 0)], months);
        Assert.Equal(403, (await GetAsync($"/api/employers/{Employer}/months", "tax")).Status);
        Assert.Equal("/path/creditCode", (await GetAsync("/api/employers/91500103MA5U8K3P5A/months", "hr")).Json
            .GetProperty("errors")[0].GetProperty("path").GetString());
    }

    [Theory]
    [InlineData("""{"enterprises":[{"creditCode":"91500103MA5U8K3P5A","level":"national"}]}""", "hr", 400, "/enterprises/0/creditCode")]
    [InlineData("""{"enterprises":[{"creditCode":"X","level":"county"}]}""", "hr", 400, "/enterprises/0/creditCode")]
    [InlineData("""{"list":[]}""", "hr", 400, "/enterprises")]
    [InlineData("""{"enterprises":[]}""", "tax", 403, null)]
    public async Task Put_BadListOrNotHr_Refused(string body, string principal, int status, string? pointer)
    {
        var response = await PutAsync(body, principal);

        Assert.Equal(status, response.Status);
        if (pointer is not null)
        {
            Assert.Equal(pointer, response.Json.GetProperty("errors")[0].GetProperty("path").GetString());
        }
    }

    private async Task SendWorkforceAsync(string employer, int employed, int leaving)
    {
        var people = Enumerable.Range(0, employed).Select(i => IdNumber("19900101", 200 + i)).ToList();
        await Scenario.SendAsync("tax", "wage-withholding", [.. people.Select((id, i) => Tax($"lw-09-{i}", id, "2026-09", employer))]);
        await Scenario.SendAsync("tax", "wage-withholding", [.. people.Skip(leaving).Select((id, i) => Tax($"lw-10-{i}", id, "2026-10", employer))]);
        await Scenario.SendAsync("hr", "employment-registration",
            [.. people.Take(leaving).Select((id, i) => Registration($"lw-end-{i}", id, "employment-ended", "2026-10-10", employer))]);
    }

    private LayoffWatch Watch()
    {
        var services = Scenario.Hub.Server.Services;
        return new LayoffWatch(Scenario.Hub.DataSource, services.GetRequiredService<MonitoredEnterprises>(), Scenario.Calendar,
            services.GetRequiredService<IOptions<ExchangeFlowOptions>>());
    }

    private async Task<IntakeHarness.Response> PutAsync(string body, string principal)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri("/api/monitoring/enterprises", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Scenario.Hub.Tokens[principal]);
        var response = await IntakeHarness.Response.ReadAsync(await Scenario.Hub.Server.Client.SendAsync(request, Token));
        ResponseCapture.Save(response.Status == 200 ? "MonitoredCount" : "Error", response.Body);
        return response;
    }

    private async Task<IntakeHarness.Response> GetAsync(string path, string principal)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Scenario.Hub.Tokens[principal]);
        var response = await IntakeHarness.Response.ReadAsync(await Scenario.Hub.Server.Client.SendAsync(request, Token));
        ResponseCapture.Save(response.Status != 200 ? "Error" : path.StartsWith("/api/employers", StringComparison.Ordinal) ? "EmployerView"
            : "LayoffWarningList", response.Body);
        return response;
    }
}
