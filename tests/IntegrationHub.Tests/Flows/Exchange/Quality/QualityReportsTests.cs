using IntegrationHub.Flows.Exchange;
using IntegrationHub.Flows.Exchange.Quality;
using IntegrationHub.Intake.Exchange;
using static IntegrationHub.Tests.Labor.LaborRecords;

namespace IntegrationHub.Tests.Flows.Exchange.Quality;

public sealed class QualityReportsTests() : ExchangeScenarioTests(nameof(QualityReportsTests))
{
    // Batches are stamped with the real clock, so the month reported is the real one.
    private static string ThisMonth => DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    protected override async Task SetUpAsync()
    {
        // Three tax records: one valid, one with a mistyped check character (accepted, invalid-id warning), one with a bad
        // credit code (rejected).
        var valid = IdNumber("19900101", 11);
        var mistyped = Tax("q-2", valid[..17] + (valid[17] == '1' ? '2' : '1'), "2026-10");
        var badEmployer = Tax("q-3", IdNumber("19900101", 13), "2026-10", employer: "91500103MA5U8K3P5A");
        Assert.Equal(200, (await Scenario.Hub.PostJsonAsync("tax", "wage-withholding",
            IntakeHarness.Batch("quality-tax-1", [Tax("q-1", valid, "2026-10"), mistyped, badEmployer]))).Status);
    }

    [Fact]
    public async Task Get_OwnMonth_CountsReceivedRejectedByCodeAndInvalidIdWarnings()
    {
        var response = await GetAsync($"/api/departments/tax/quality?month={ThisMonth}", "tax");

        Assert.Equal(200, response.Status);
        var summary = response.Json;
        Assert.Equal((1, 3, 2, 1), (summary.GetProperty("batches").GetInt32(), summary.GetProperty("recordsReceived").GetInt32(),
            summary.GetProperty("accepted").GetInt32(), summary.GetProperty("rejected").GetInt32()));
        Assert.Equal(1, summary.GetProperty("invalidIdWarnings").GetInt32());
        Assert.Equal(1, summary.GetProperty("rejectedByCode").GetProperty("credit-code").GetInt32());
        Assert.False(summary.GetProperty("complete").GetBoolean());
    }

    [Fact]
    public async Task Get_AnotherDepartmentOrABadMonth_Refused()
    {
        Assert.Equal(403, (await GetAsync("/api/departments/tax/quality", "hr")).Status);
        var bad = await GetAsync("/api/departments/tax/quality?month=2026-13", "tax");
        Assert.Equal(400, bad.Status);
        Assert.Equal("/query/month", bad.Json.GetProperty("errors")[0].GetProperty("path").GetString());
    }

    [Fact]
    public async Task RunDue_MonthOver_WritesEachDepartmentsSummaryOnce()
    {
        var services = Scenario.Hub.Server.Services;
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow.AddMonths(1));
        var calendar = new HubCalendar(clock, services.GetRequiredService<IOptions<CalendarOptions>>());
        var delivery = new QualityDelivery(Scenario.Hub.DataSource, new QualityReports(Scenario.Hub.DataSource, calendar), new AuditLog(clock),
            calendar, services.GetRequiredService<IOptions<ExchangeFlowOptions>>(), services.GetRequiredService<IOptions<ExchangeOptions>>());

        var written = await delivery.RunDueAsync(TestContext.Current.CancellationToken);

        Assert.Equal(5, written.Count);
        var tax = Path.Combine(Scenario.Outbox, "tax", "quality", $"quality-{ThisMonth}.json");
        using var summary = JsonDocument.Parse(File.ReadAllText(tax));
        Assert.Equal(3, summary.RootElement.GetProperty("recordsReceived").GetInt32());
        Assert.True(summary.RootElement.GetProperty("complete").GetBoolean());
        Assert.Empty(await delivery.RunDueAsync(TestContext.Current.CancellationToken));
    }

    private async Task<IntakeHarness.Response> GetAsync(string path, string principal)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Scenario.Hub.Tokens[principal]);
        var response = await IntakeHarness.Response.ReadAsync(await Scenario.Hub.Server.Client.SendAsync(request, TestContext.Current.CancellationToken));
        ResponseCapture.Save(response.Status == 200 ? "QualitySummary" : "Error", response.Body);
        return response;
    }
}
