using IntegrationHub.Flows.Exchange.Employers;
using static IntegrationHub.Tests.Labor.LaborRecords;

namespace IntegrationHub.Tests.Flows.Exchange.Employers;

/// <summary>HR's feed <c>hr/monitored-enterprise</c>, sent over HTTP like any feed, adds and withdraws monitored enterprises; the
/// Scenario's clock stands on 2026-11-20.</summary>
public sealed class MonitoredEnterpriseFeedTests() : ExchangeScenarioTests(nameof(MonitoredEnterpriseFeedTests))
{
    [Fact]
    public async Task Send_ActiveThenWithdrawn_MonitoredUntilTheWithdrawalTakesEffect()
    {
        await Scenario.SendAsync("hr", "monitored-enterprise", Enterprise("me-1", Employer, "active", "2026-10-01"),
            Enterprise("me-2", OtherEmployer, "active", "2026-12-01"));
        await Scenario.SettleAsync();

        // OtherEmployer only from December on.
        Assert.Equal([Employer], await Monitored().CodesAsync(Token));
        // Not about a person: no person made of it, nothing left for the matcher.
        Assert.Equal(0, await Scenario.Hub.CountAsync("SELECT count(*) FROM person"));
        Assert.Equal(0, await Scenario.Hub.CountAsync("SELECT count(*) FROM link_deferred"));

        await Scenario.SendAsync("hr", "monitored-enterprise", Enterprise("me-3", Employer, "withdrawn", "2026-11-15"));

        Assert.Empty(await Monitored().CodesAsync(Token));
    }

    [Fact]
    public async Task Send_WithdrawnAfterThePutList_TheLaterWordWins()
    {
        await Monitored().ReplaceAsync([(Employer, "national"), (OtherEmployer, "city")], "hr", Token);
        Scenario.Clock.Advance(TimeSpan.FromMinutes(1));

        await Scenario.SendAsync("hr", "monitored-enterprise", Enterprise("me-w", OtherEmployer, "withdrawn", "2026-11-01"));

        Assert.Equal([Employer], await Monitored().CodesAsync(Token));
    }

    [Fact]
    public async Task Send_BadRecords_RejectedNamingThePointerAndCode()
    {
        var badLevel = Enterprise("me-b1", Employer, "active", "2026-10-01");
        badLevel["level"] = "county";
        var badCode = Enterprise("me-b2", Employer[..17] + (Employer[17] == '0' ? '1' : '0'), "active", "2026-10-01");
        var response = await Scenario.Hub.PostJsonAsync("hr", "monitored-enterprise", IntakeHarness.Batch("me-bad-0001", [badLevel, badCode]));

        Assert.Equal(2, response.Json.GetProperty("rejected").GetInt32());
        var errors = response.Json.GetProperty("records").EnumerateArray()
            .Select(r => (r.GetProperty("errors")[0].GetProperty("path").GetString(), r.GetProperty("errors")[0].GetProperty("code").GetString()));
        Assert.Equal([("/records/0/level", "enum"), ("/records/1/enterpriseCreditCode", "credit-code")], errors);
        Assert.Empty(await Monitored().CodesAsync(Token));
    }

    private MonitoredEnterprises Monitored() =>
        new(Scenario.Hub.DataSource, new AuditLog(Scenario.Clock), Scenario.Clock, Scenario.Calendar);

    private static JsonObject Enterprise(string recordId, string creditCode, string status, string effectiveDate) => new()
    {
        ["recordId"] = recordId, ["enterpriseCreditCode"] = creditCode, ["enterpriseName"] = "重庆某科技有限公司", ["level"] = "national",
        ["status"] = status, ["effectiveDate"] = effectiveDate,
    };
}
