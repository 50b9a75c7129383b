using IntegrationHub.Tests.Labor;
using static IntegrationHub.Tests.Labor.Graduates.GraduateRecords;
using static IntegrationHub.Tests.Labor.LaborRecords;

namespace IntegrationHub.Tests.Handler.Api.Graduates;

public sealed class GraduateEndpointsTests : LaborScenarioTests
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await scenario.SendAsync("edu", "graduate-roster",
            Roster("g-1", IdNumber("20040501", 11), "not-yet-placed", hukou: "500103", phone: "13812345678"),
            Roster("g-2", IdNumber("20040502", 13), "not-yet-placed", hukou: "500106", school: "4150010612"),
            Roster("g-3", IdNumber("20040503", 15), "further-study"));
        await scenario.SendAsync("hr", "graduate-follow-up", FollowUp("f-1", IdNumber("20040501", 11), "2026-09-01"));
        await scenario.SettleAsync();
    }

    private IntakeHarness Hub => scenario.Hub;

    [Theory]
    [InlineData("/api/graduates/ledger?cohort=2026")]
    [InlineData("/api/graduates/indicators?cohort=2026")]
    [InlineData("/api/graduates/ratings?cohort=2026")]
    [InlineData("/api/departments/edu/graduate-verification?cohort=2026")]
    public async Task Get_WithoutToken_Is401(string path)
    {
        var response = await GraduateApi.GetAsync(Hub, path, token: null);

        Assert.Equal(401, response.Status);
    }

    [Theory]
    [InlineData("/api/graduates/ledger?cohort=2026", "edu")]
    [InlineData("/api/graduates/ledger?cohort=2026", "tax")]
    [InlineData("/api/graduates/indicators?cohort=2026", "ps")]
    [InlineData("/api/departments/edu/graduate-verification?cohort=2026", "hr")]
    public async Task Get_WithAnotherDepartmentsToken_Is403(string path, string reader)
    {
        var response = await GraduateApi.GetAsync(Hub, path, Hub.Tokens[reader]);

        Assert.Equal(403, response.Status);
        Assert.Equal("forbidden", response.Json.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("/api/graduates/ledger?cohort=2026", "hr")]
    [InlineData("/api/graduates/ratings?cohort=2026", "admin")]
    [InlineData("/api/departments/edu/graduate-verification?cohort=2026", "edu")]
    public async Task Get_WithoutPurpose_Is400AndPointsAtTheHeader(string path, string reader)
    {
        var response = await GraduateApi.GetAsync(Hub, path, Hub.Tokens[reader], purpose: null);

        Assert.Equal(400, response.Status);
        Assert.Equal("/headers/X-Purpose", response.Json.GetProperty("errors")[0].GetProperty("path").GetString());
    }

    [Theory]
    [InlineData("/api/graduates/ledger?cohort=20x6", "/cohort")]
    [InlineData("/api/graduates/ledger", "/cohort")]
    [InlineData("/api/graduates/ledger?cohort=1999", "/cohort")]
    [InlineData("/api/graduates/ledger?cohort=2026&region=50a1", "/region")]
    [InlineData("/api/graduates/ledger?cohort=2026&region=5001030", "/region")]
    [InlineData("/api/graduates/ledger?cohort=2026&status=lost", "/status")]
    [InlineData("/api/graduates/indicators?cohort=2026&by=province", "/by")]
    [InlineData("/api/graduates/ratings?cohort=abc", "/cohort")]
    [InlineData("/api/departments/edu/graduate-verification?cohort=-1", "/cohort")]
    public async Task Get_MalformedParameter_Is400WithItsPointer(string path, string pointer)
    {
        var reader = path.Contains("/edu/", StringComparison.Ordinal) ? "edu" : "admin";

        var response = await GraduateApi.GetAsync(Hub, path, Hub.Tokens[reader]);

        Assert.Equal(400, response.Status);
        Assert.Equal("invalid-query", response.Json.GetProperty("code").GetString());
        Assert.Equal(pointer, response.Json.GetProperty("errors")[0].GetProperty("path").GetString());
    }

    [Fact]
    public async Task Ledger_RegionPrefix_ListsThatDistrictsUnplacedWithFollowUpsAndWholePhoneForHr()
    {
        var response = await GraduateApi.GetAsync(Hub, "/api/graduates/ledger?cohort=2026&region=500103", Hub.Tokens["hr"]);

        Assert.Equal(200, response.Status);
        var item = Assert.Single(response.Json.GetProperty("items").EnumerateArray());
        Assert.Equal(IntegrationHub.Identity.PersonId.Format(await scenario.PersonOfAsync("g-1")), item.GetProperty("personId").GetString());
        Assert.Equal("500103", item.GetProperty("district").GetString());
        Assert.Equal("13812345678", item.GetProperty("phone").GetString());
        Assert.Equal("2026-06-30", item.GetProperty("since").GetString());
        Assert.Equal("f-1", Assert.Single(item.GetProperty("followUps").EnumerateArray()).GetProperty("recordId").GetString());
    }

    [Fact]
    public async Task Ledger_Administrator_SeesThePhoneMaskedAndEveryReadIsAudited()
    {
        var before = await Hub.CountAsync("SELECT count(*) FROM audit_log WHERE action = 'graduates.ledger.read'");

        var response = await GraduateApi.GetAsync(Hub, "/api/graduates/ledger?cohort=2026&region=5001", Hub.Tokens["admin"], "district monthly review");

        var items = response.Json.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal("138****5678", items.Single(i => i.GetProperty("hukouRegion").GetString() == "500103").GetProperty("phone").GetString());
        Assert.Equal(before + 1, await Hub.CountAsync(
            "SELECT count(*) FROM audit_log WHERE action = 'graduates.ledger.read' AND purpose = 'district monthly review' AND actor = 'admin'"));
    }

    [Fact]
    public async Task Ledger_AskedForNdjson_StreamsOneEntryALine()
    {
        var response = await GraduateApi.GetAsync(Hub, "/api/graduates/ledger?cohort=2026", Hub.Tokens["hr"], accept: "application/x-ndjson");

        var lines = response.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => Assert.Contains("\"status\":\"not-yet-placed\"", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Verification_EduToken_GetsOneLinePerRosterRecordWithoutOtherDepartmentsRecords()
    {
        var response = await GraduateApi.GetAsync(Hub, "/api/departments/edu/graduate-verification?cohort=2026", Hub.Tokens["edu"]);

        Assert.Equal(200, response.Status);
        var items = response.Json.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["g-1", "g-2", "g-3"], items.Select(i => i.GetProperty("recordId").GetString()));
        Assert.All(items, i => Assert.Equal("not-applicable", i.GetProperty("status").GetString()));
        Assert.DoesNotContain("f-1", response.Body, StringComparison.Ordinal);
    }
}
