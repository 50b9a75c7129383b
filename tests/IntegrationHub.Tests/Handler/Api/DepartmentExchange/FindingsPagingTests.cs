using IntegrationHub.Tests.Flows.Exchange;
using static IntegrationHub.Tests.Labor.LaborRecords;

namespace IntegrationHub.Tests.Handler.Api.DepartmentExchange;

/// <summary>Keyset paging of <c>GET /api/departments/{dept}/findings</c>: five persons registered unemployed in June and paid
/// wages in August, five <c>unemployed-while-paid</c> findings for hr.</summary>
public sealed class FindingsPagingTests() : ExchangeScenarioTests(nameof(FindingsPagingTests))
{
    protected override async Task SetUpAsync()
    {
        var persons = Enumerable.Range(0, 5).Select(i => IdNumber("19800101", 701 + (2 * i))).ToList();
        await Scenario.SendAsync("hr", "employment-registration",
            [.. persons.Select((id, i) => Registration($"page-u-{i}", id, "unemployment", "2026-06-10"))]);
        await Scenario.SendAsync("tax", "wage-withholding", [.. persons.Select((id, i) => Tax($"page-w-{i}", id, "2026-08"))]);
        await Scenario.SettleAsync();
    }

    [Fact]
    public async Task Get_PagesOfTwo_CoverEveryFindingExactlyOnceInOrder()
    {
        var all = await IdsAsync("/api/departments/hr/findings");
        var paged = new List<string>();
        var pages = 0;
        for (var path = "/api/departments/hr/findings?limit=2"; path is not null && pages < 10; pages++)
        {
            var page = await Scenario.GetAsync(path, "hr", null, "FindingList");
            Assert.Equal(200, page.Status);
            paged.AddRange(page.Json.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("findingId").GetString()!));
            path = page.Json.GetProperty("next").GetString();
        }

        Assert.Equal(5, all.Count);
        Assert.Equal(3, pages);
        Assert.Equal(all, paged);
    }

    /// <summary>The query reads one finding more than the page, to know whether another page follows; the audit counts only
    /// the findings returned, and the limit asked.</summary>
    [Fact]
    public async Task Get_PageOfTwo_AuditsOnlyTheTwoReturned()
    {
        var page = await Scenario.GetAsync("/api/departments/hr/findings?limit=2", "hr", null, "FindingList");

        Assert.Equal(2, page.Json.GetProperty("count").GetInt32());
        Assert.Equal(2, await AuditedAsync("count"));
        Assert.Equal(2, await AuditedAsync("limit"));
    }

    [Fact]
    public async Task Get_NextLink_KeepsTheFilters()
    {
        var first = await Scenario.GetAsync("/api/departments/hr/findings?status=open&limit=4", "hr", null, "FindingList");

        var next = first.Json.GetProperty("next").GetString()!;

        Assert.StartsWith("/api/departments/hr/findings?", next, StringComparison.Ordinal);
        Assert.Contains("status=open", next, StringComparison.Ordinal);
        Assert.Contains("limit=4", next, StringComparison.Ordinal);
        Assert.Single((await Scenario.GetAsync(next, "hr", null, "FindingList")).Json.GetProperty("findings").EnumerateArray());
    }

    [Theory]
    [InlineData("?after=not-a-cursor!", "/query/after", "invalid-cursor")]
    [InlineData("?after=MTIzNA", "/query/after", "invalid-cursor")]
    [InlineData("?limit=0", "/query/limit", "range")]
    [InlineData("?limit=1001", "/query/limit", "range")]
    [InlineData("?limit=ten", "/query/limit", "range")]
    public async Task Get_BadCursorOrLimit_400NamingTheParameter(string query, string pointer, string code)
    {
        AssertRefused(await Scenario.GetAsync("/api/departments/hr/findings" + query, "hr", null, "FindingList"), 400, pointer, code);
    }

    /// <summary>A number in the detail of the latest <c>findings.read</c> audit entry.</summary>
    private Task<long> AuditedAsync(string field) => Scenario.Hub.CountAsync(
        "SELECT (detail ->> @field)::bigint FROM audit_log WHERE action = 'findings.read' ORDER BY seq DESC LIMIT 1", new NpgsqlParameter("field", field));

    private async Task<List<string>> IdsAsync(string path) =>
        [.. (await Scenario.GetAsync(path, "hr", null, "FindingList")).Json.GetProperty("findings").EnumerateArray()
            .Select(f => f.GetProperty("findingId").GetString()!)];
}
