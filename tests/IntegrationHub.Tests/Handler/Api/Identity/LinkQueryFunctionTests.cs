using IntegrationHub.Identity.Linking;
using IntegrationHub.Intake.Rules;
using IntegrationHub.Tests.Handler.Api.Persons;
using static IntegrationHub.Tests.Labor.LaborRecords;

namespace IntegrationHub.Tests.Handler.Api.Identity;

/// <summary><c>GET /api/admin/links?personId=&amp;rule=&amp;minScore=&amp;maxScore=</c> paged, and
/// <c>GET /api/admin/links/{dept}/{feed}/{recordId}/{version}</c>: each compared field with its agreement level and weight, adding up
/// to the score the matcher stored. A record with the worker's number mistyped is linked by the probabilistic matcher.</summary>
public sealed class LinkQueryFunctionTests : PersonReadScenarioTests
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var worker = PersonReadScenario.Worker;
        var digits = worker.ToCharArray();
        digits[15] = digits[15] == '5' ? '6' : '5';
        var mistyped = new string(digits);
        Assert.NotEqual(IdentityNumber.CheckCharacter(mistyped.AsSpan(0, 17)), mistyped[17]);
        await scenario.Labor.SendAsync("tax", "wage-withholding", Tax("typo-1", mistyped, "2026-07"));
        await scenario.LinkAsync();
        await scenario.Hub.Server.Services.GetRequiredService<ProbabilisticLinker>().LinkAllAsync(TestContext.Current.CancellationToken);
    }

    private Task<Infrastructure.IntakeHarness.Response> LinksAsync(string query, string principal = "admin", string? purpose = PersonReadScenario.Purpose) =>
        scenario.SendAsync(HttpMethod.Get, "/api/admin/links" + query, principal, purpose: purpose, schema: "LinkPage");

    private static List<string> RecordIds(Infrastructure.IntakeHarness.Response page) =>
        [.. page.Json.GetProperty("links").EnumerateArray().Select(l => l.GetProperty("recordId").GetString()!)];

    [Fact]
    public async Task Links_ByPerson_PageThroughAllItsLinksInRecordOrder()
    {
        var first = await LinksAsync($"?personId={scenario.WorkerId}&limit=3");
        var second = await LinksAsync($"?personId={scenario.WorkerId}&limit=3&after={first.Json.GetProperty("next").GetString()}");

        Assert.Equal(["hr-1", "ps-1", "t-1"], RecordIds(first));
        Assert.Equal(["t-2", "typo-1"], RecordIds(second));
        Assert.Equal(JsonValueKind.Null, second.Json.GetProperty("next").ValueKind);
        Assert.All(first.Json.GetProperty("links").EnumerateArray(), l =>
            Assert.Equal((scenario.WorkerId, scenario.WorkerId, true), (l.GetProperty("personId").GetString(),
                l.GetProperty("currentPersonId").GetString(), l.GetProperty("current").GetBoolean())));
    }

    [Fact]
    public async Task Links_ByRuleAndScore_KeepOnlyThoseLinks()
    {
        var probabilistic = await LinksAsync("?rule=probabilistic");
        var scored = await LinksAsync("?minScore=2");
        var deterministic = await LinksAsync("?maxScore=1&rule=id-number");

        Assert.Equal(["typo-1"], RecordIds(probabilistic));
        Assert.Equal(["typo-1"], RecordIds(scored));
        Assert.Equal(["hr-1", "ps-1", "t-1", "t-2", "t-9"], RecordIds(deterministic));
        var (actor, purpose, _, detail) = (await scenario.AuditAsync("links.read"))[0];
        Assert.Equal(("admin", PersonReadScenario.Purpose), (actor, purpose));
        Assert.Contains("\"rule\":\"probabilistic\"", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?rule=guess", "/rule", "enum", 400)]
    [InlineData("?minScore=high", "/minScore", "type", 400)]
    [InlineData("?maxScore=NaN", "/maxScore", "type", 400)]
    [InlineData("?minScore=5&maxScore=1", "/minScore", "range", 400)]
    [InlineData("?limit=0", "/limit", "range", 400)]
    [InlineData("?after=not-a-cursor", "/after", "cursor", 400)]
    [InlineData("?after=eyJEZXBhcnRtZW50IjoiXHUwMDAwIiwiRmVlZCI6ImEiLCJSZWNvcmRJZCI6ImEiLCJWZXJzaW9uIjoxfQ", "/after", "cursor", 400)]
    [InlineData("?personId=someone", "/personId", "person-id", 400)]
    [InlineData("?personId=P999999999", null, "unknown-person", 404)]
    public async Task Links_BadParameter_IsRefusedWithPointerAndCode(string query, string? pointer, string code, int status)
    {
        var refused = await LinksAsync(query);

        await AssertRefusedUnauditedAsync(refused, status, code, pointer, "links.read");
    }

    [Fact]
    public async Task Links_WithoutPurposeOrNotAdmin_IsRefused()
    {
        var unexplained = await LinksAsync("?rule=review", purpose: null);
        var hr = await LinksAsync("?rule=review", "hr");

        Assert.Equal((400, "/headers/X-Purpose"), (unexplained.Status,
            Assert.Single(unexplained.Json.GetProperty("errors").EnumerateArray()).GetProperty("path").GetString()));
        Assert.Equal(403, hr.Status);
    }

    [Fact]
    public async Task Explain_ProbabilisticLink_WeighsEachFieldAndAddsUpToTheStoredScore()
    {
        var explained = await scenario.SendAsync(HttpMethod.Get, "/api/admin/links/tax/wage-withholding/typo-1/1", "admin",
            schema: "LinkExplanation");

        Assert.Equal(200, explained.Status);
        var body = explained.Json;
        Assert.Equal("probabilistic", body.GetProperty("method").GetString());
        Assert.Equal(4, body.GetProperty("comparedRecords").GetInt32());
        var fields = body.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("field").GetString()!);
        Assert.Equal(["name", "birthDate", "idNumber", "gender", "region", "phone", "employer"], fields.Keys);
        Assert.Equal(("exact", 0), (fields["name"].GetProperty("agreement").GetString(), fields["name"].GetProperty("level").GetInt32()));
        Assert.Equal("exact", fields["birthDate"].GetProperty("agreement").GetString());
        Assert.Equal("one-keying-slip", fields["idNumber"].GetProperty("agreement").GetString());
        Assert.Equal("same-name-at-employer", fields["employer"].GetProperty("agreement").GetString());
        Assert.False(fields["phone"].GetProperty("compared").GetBoolean());
        Assert.Equal(0, fields["phone"].GetProperty("weight").GetDouble());
        foreach (var field in fields.Values.Where(f => f.GetProperty("compared").GetBoolean()))
        {
            Assert.Equal(Math.Log2(field.GetProperty("m").GetDouble() / field.GetProperty("u").GetDouble()), field.GetProperty("weight").GetDouble(), 9);
        }

        var score = body.GetProperty("score").GetDouble();
        Assert.Equal(fields.Values.Sum(f => f.GetProperty("weight").GetDouble()), score, 9);
        Assert.Equal(body.GetProperty("link").GetProperty("score").GetDouble(), score, 9);
        Assert.True(score >= body.GetProperty("thresholds").GetProperty("certain").GetDouble());
        Assert.DoesNotContain(PersonReadScenario.Worker[..15], explained.Body, StringComparison.Ordinal);
        Assert.Equal(scenario.WorkerId, Assert.Single(await scenario.AuditAsync("link.explain")).Subject);
    }

    [Fact]
    public async Task Explain_FoundingRecord_ComparesNothing()
    {
        var explained = await scenario.SendAsync(HttpMethod.Get, "/api/admin/links/ps/household-registration/ps-1/1", "admin",
            schema: "LinkExplanation");

        Assert.Equal("deterministic", explained.Json.GetProperty("method").GetString());
        Assert.Equal(0, explained.Json.GetProperty("comparedRecords").GetInt32());
        Assert.All(explained.Json.GetProperty("fields").EnumerateArray(), f => Assert.False(f.GetProperty("compared").GetBoolean()));
    }

    [Theory]
    [InlineData("/api/admin/links/tax/wage-withholding/typo-1/2", 404, "unknown-link")]
    [InlineData("/api/admin/links/tax/wage-withholding/nothing/1", 404, "unknown-link")]
    [InlineData("/api/admin/links/tax/wage-withholding/typo-1/0", 400, "range")]
    [InlineData("/api/admin/links/tax/wage-withholding/typo-1/one", 400, "range")]
    [InlineData("/api/admin/links/tax/wage-withholding/typo%01/1", 400, "control-character")]
    public async Task Explain_UnknownOrBadVersion_IsRefused(string path, int status, string code)
    {
        var refused = await scenario.SendAsync(HttpMethod.Get, path, "admin");

        Assert.Equal((status, code), (refused.Status, refused.Json.GetProperty("code").GetString()));
    }
}
