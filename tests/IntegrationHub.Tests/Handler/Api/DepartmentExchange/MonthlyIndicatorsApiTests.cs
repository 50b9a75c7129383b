using IntegrationHub.Tests.Flows.Exchange;
using static IntegrationHub.Tests.Labor.LaborRecords;

namespace IntegrationHub.Tests.Handler.Api.DepartmentExchange;

/// <summary>Who may read the monthly indicators, the purpose they must give, and the parameters refused.</summary>
public sealed class MonthlyIndicatorsApiTests() : ExchangeScenarioTests(nameof(MonthlyIndicatorsApiTests))
{
    protected override async Task SetUpAsync()
    {
        await Scenario.SendAsync("tax", "wage-withholding", Tax("mia-w", IdNumber("19950101", 401), "2026-10"));
        await Scenario.SettleAsync();
    }

    [Theory]
    [InlineData("?month=2026-13", "/query/month", "invalid-month")]
    [InlineData("?month=202610", "/query/month", "invalid-month")]
    [InlineData("?region=50", "/query/month", "required")]
    [InlineData("?month=2026-10&region=5", "/query/region", "region")]
    [InlineData("?month=2026-10&region=50a1", "/query/region", "region")]
    [InlineData("?month=2026-10&region=5001030", "/query/region", "region")]
    [InlineData("?month=2026-10&by=workplace", "/query/by", "enum")]
    public async Task Get_BadQuery_400NamingTheParameterAndCode(string query, string pointer, string code)
    {
        AssertRefused(await Scenario.GetAsync("/api/indicators/monthly" + query, "admin", "statistics", "MonthlyIndicatorReport"), 400, pointer, code);
    }

    [Theory]
    [InlineData(null, "statistics", 401)]
    [InlineData("tax", "statistics", 403)]
    [InlineData("edu", "statistics", 403)]
    [InlineData("hr", null, 400)]
    [InlineData("admin", "", 400)]
    [InlineData("hr", "check 123456789012345678", 400)]
    public async Task Get_NoTokenOtherDepartmentOrNoPurpose_RefusedAndNotAudited(string? principal, string? purpose, int status)
    {
        var response = await Scenario.GetAsync("/api/indicators/monthly?month=2026-10", principal, purpose, "MonthlyIndicatorReport");

        Assert.Equal(status, response.Status);
        if (status == 400)
        {
            Assert.Equal("/headers/X-Purpose", response.Json.GetProperty("errors")[0].GetProperty("path").GetString());
        }

        Assert.Equal(0, await Scenario.Hub.CountAsync("SELECT count(*) FROM audit_log WHERE action = 'indicators.monthly.read'"));
    }

    [Fact]
    public async Task Get_AdminWithoutRegion_CompleteAndAudited()
    {
        var response = await Scenario.GetAsync("/api/indicators/monthly?month=2026-10", "admin", "statistics", "MonthlyIndicatorReport");

        Assert.Equal(200, response.Status);
        Assert.Equal("complete", response.Json.GetProperty("status").GetString());
        Assert.Equal(1, response.Json.GetProperty("total").GetProperty("employed").GetInt32());
        Assert.Equal(1, await Scenario.Hub.CountAsync(
            "SELECT count(*) FROM audit_log WHERE action = 'indicators.monthly.read' AND actor = 'admin' AND purpose = 'statistics'"));
    }
}
