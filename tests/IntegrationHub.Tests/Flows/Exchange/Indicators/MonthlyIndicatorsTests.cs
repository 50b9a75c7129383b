using static IntegrationHub.Tests.Labor.LaborRecords;

namespace IntegrationHub.Tests.Flows.Exchange.Indicators;

/// <summary>
/// The regional monthly indicators of October 2026 through real feeds, counted by hand (the working is in
/// docs/department-exchange.md, "Monthly indicators: a worked example"). Yuzhong is 500103, Shapingba 500106.
/// </summary>
public sealed class MonthlyIndicatorsTests() : ExchangeScenarioTests(nameof(MonthlyIndicatorsTests))
{
    private const string Yuzhong = "500103";
    private const string Shapingba = "500106";
    private static readonly string P1 = IdNumber("19950101", 301);
    private static readonly string P2 = IdNumber("19950101", 303);
    private static readonly string P3 = IdNumber("19950101", 305);
    private static readonly string P4 = IdNumber("19950101", 307);
    private static readonly string P5 = IdNumber("19950101", 309);
    private static readonly string P6 = IdNumber("19950101", 311);
    private static readonly string P7 = IdNumber("19950101", 313);

    protected override async Task SetUpAsync()
    {
        await Scenario.SendAsync("ps", "household-registration", Hukou("mi-h1", P1, "500103-000001", Yuzhong),
            Hukou("mi-h2", P2, "500103-000002", Yuzhong), Hukou("mi-h3", P3, "500106-000003", Shapingba),
            Hukou("mi-h4", P4, "500103-000004", Yuzhong), Hukou("mi-h5", P5, "500106-000005", Shapingba),
            Hukou("mi-h6", P6, "500103-000006", Yuzhong), Hukou("mi-h7", P7, "500103-000007", Yuzhong));
        var zeroEmployment = Registration("mi-r4", P4, "unemployment", "2026-10-08", category: "zero-employment-family");
        var disabled = Registration("mi-r6", P6, "unemployment", "2026-09-01", category: "disabled");
        var ended = Registration("mi-r5-end", P5, "unemployment-ended", "2026-10-20");
        await Scenario.SendAsync("hr", "employment-registration", zeroEmployment, disabled,
            Registration("mi-r5", P5, "unemployment", "2026-08-03"), ended);
        await Scenario.SettleAsync();
    }

    [Fact]
    public async Task Get_NoTaxFeedForTheMonth_IncompleteNamingTheFeedAndCountingNothing()
    {
        var response = await GetAsync("/api/indicators/monthly?month=2026-10");

        Assert.Equal(200, response.Status);
        Assert.Equal("incomplete", response.Json.GetProperty("status").GetString());
        Assert.Equal(["tax/wage-withholding"], response.Json.GetProperty("missingFeeds").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(JsonValueKind.Null, response.Json.GetProperty("total").ValueKind);
        Assert.Empty(response.Json.GetProperty("districts").EnumerateArray());
    }

    [Fact]
    public async Task Get_OctoberByHukou_TheHandCountedFiguresPerDistrictAndInTotal()
    {
        await SendWagesAsync();

        var response = await GetAsync("/api/indicators/monthly?month=2026-10&region=50");

        Assert.Equal(200, response.Status);
        Assert.Equal(("complete", "50", "hukou"), (response.Json.GetProperty("status").GetString(), response.Json.GetProperty("region").GetString(),
            response.Json.GetProperty("by").GetString()));
        // employed, newly employed, registered unemployed, opened, closed, zero-employment households, difficulty persons
        Assert.Equal([(Yuzhong, 2, 1, 2, 1, 0, 1, 2), (Shapingba, 1, 1, 0, 0, 1, 0, 0)], Districts(response.Json));
        Assert.Equal((null, 3, 2, 2, 1, 1, 1, 2), Figures(response.Json.GetProperty("total")));
        Assert.Equal(1, await Scenario.Hub.CountAsync(
            "SELECT count(*) FROM audit_log WHERE action = 'indicators.monthly.read' AND actor = 'hr' AND purpose = 'monthly statistics'"));
    }

    [Fact]
    public async Task Get_ByRegistrationInYuzhong_TheClosedRegistrationCountsWhereItWasMade()
    {
        await SendWagesAsync();

        var response = await GetAsync("/api/indicators/monthly?month=2026-10&region=500103&by=registration");

        // P5 lives in Shapingba but registered in Yuzhong: its registration closed in October now counts in Yuzhong.
        Assert.Equal([(Yuzhong, 2, 1, 2, 1, 1, 1, 2)], Districts(response.Json));
        var shapingba = await GetAsync("/api/indicators/monthly?month=2026-10&region=500106");
        Assert.Equal([(Shapingba, 1, 1, 0, 0, 1, 0, 0)], Districts(shapingba.Json));
    }

    [Fact]
    public async Task Get_September_TheMonthBeforeCountedOnItsOwn()
    {
        await SendWagesAsync();

        var response = await GetAsync("/api/indicators/monthly?month=2026-09&region=50");

        // Only P1 paid in September (new); P5 (registered in August) and P6 (in September) registered at its end; P6's
        // disabled category holds from 1 September; P4 registered only in October.
        Assert.Equal([(Yuzhong, 1, 1, 1, 1, 0, 0, 1), (Shapingba, 0, 0, 1, 0, 0, 0, 0)], Districts(response.Json));
    }

    private async Task SendWagesAsync()
    {
        // P1 paid September and October, P2 October and November, P3 October only (elsewhere), P7 November only.
        await Scenario.SendAsync("tax", "wage-withholding", Tax("mi-w1-09", P1, "2026-09"), Tax("mi-w1-10", P1, "2026-10"),
            Tax("mi-w2-10", P2, "2026-10"), Tax("mi-w2-11", P2, "2026-11"), Tax("mi-w3-10", P3, "2026-10", OtherEmployer),
            Tax("mi-w7-11", P7, "2026-11"));
        await Scenario.SettleAsync();
    }

    private Task<Infrastructure.IntakeHarness.Response> GetAsync(string path) =>
        Scenario.GetAsync(path, "hr", "monthly statistics", "MonthlyIndicatorReport");

    private static List<(string?, int, int, int, int, int, int, int)> Districts(JsonElement report) =>
        [.. report.GetProperty("districts").EnumerateArray().Select(Figures)];

    private static (string?, int, int, int, int, int, int, int) Figures(JsonElement d) =>
        (d.GetProperty("district").GetString(), d.GetProperty("employed").GetInt32(), d.GetProperty("newlyEmployed").GetInt32(),
            d.GetProperty("registeredUnemployed").GetInt32(), d.GetProperty("registrationsOpened").GetInt32(),
            d.GetProperty("registrationsClosed").GetInt32(), d.GetProperty("zeroEmploymentHouseholds").GetInt32(),
            d.GetProperty("difficultyPersons").GetInt32());

    private static System.Text.Json.Nodes.JsonObject Hukou(string recordId, string id, string household, string region)
    {
        var record = Household(recordId, id, household);
        record["hukouRegion"] = region;
        return record;
    }
}
