using IntegrationHub.Tests.Flows.Exchange;
using static IntegrationHub.Tests.Labor.LaborRecords;

namespace IntegrationHub.Tests.Handler.Api.DepartmentExchange;

/// <summary>Keyset paging of <c>GET /api/departments/{dept}/findings</c>: five persons registered unemployed in June and paid
/// wages in August, five <c>unemployed-while-paid</c> findings for hr.</summary>
public sealed class FindingsPagingTests : IAsyncLifetime
{
    private ExchangeScenario scenario = null!;

    public async ValueTask InitializeAsync()
    {
        scenario = await ExchangeScenario.StartAsync(nameof(FindingsPagingTests));
        var persons = Enumerable.Range(0, 5).Select(i => IdNumber("19800101", 701 + (2 * i))).ToList();
        await scenario.SendAsync("hr", "employment-registration",
            [.. persons.Select((id, i) => Registration($"page-u-{i}", id, "unemployment", "2026-06-10"))]);
        await scenario.SendAsync("tax", "wage-withholding", [.. persons.Select((id, i) => Tax($"page-w-{i}", id, "2026-08"))]);
        await scenario.SettleAsync();
    }

    public async ValueTask DisposeAsync() => await scenario.DisposeAsync();

    [Fact]
    public async Task Get_PagesOfTwo_CoverEveryFindingExactlyOnceInOrder()
    {
        var all = await IdsAsync("/api/departments/hr/findings");
        var paged = new List<string>();
        var pages = 0;
        for (var path = "/api/departments/hr/findings?limit=2"; path is not null && pages < 10; pages++)
        {
            var page = await scenario.GetAsync(path, "hr", null, "FindingList");
            Assert.Equal(200, page.Status);
            paged.AddRange(page.Json.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("findingId").GetString()!));
            path = page.Json.GetProperty("next").GetString();
        }

        Assert.Equal(5, all.Count);
        Assert.Equal(3, pages);
        Assert.Equal(all, paged);
    }

    [Fact]
    public async Task Get_NextLink_KeepsTheFilters()
    {
        var first = await scenario.GetAsync("/api/departments/hr/findings?status=open&limit=4", "hr", null, "FindingList");

        var next = first.Json.GetProperty("next").GetString()!;

        Assert.StartsWith("/api/departments/hr/findings?", next, StringComparison.Ordinal);
        Assert.Contains("status=open", next, StringComparison.Ordinal);
        Assert.Contains("limit=4", next, StringComparison.Ordinal);
        Assert.Single((await scenario.GetAsync(next, "hr", null, "FindingList")).Json.GetProperty("findings").EnumerateArray());
    }

    [Theory]
    [InlineData("?after=not-a-cursor!", "/query/after", "invalid-cursor")]
    [InlineData("?after=MTIzNA", "/query/after", "invalid-cursor")]
    [InlineData("?limit=0", "/query/limit", "range")]
    [InlineData("?limit=1001", "/query/limit", "range")]
    [InlineData("?limit=ten", "/query/limit", "range")]
    public async Task Get_BadCursorOrLimit_400NamingTheParameter(string query, string pointer, string code)
    {
        var response = await scenario.GetAsync("/api/departments/hr/findings" + query, "hr", null, "FindingList");

        Assert.Equal(400, response.Status);
        var error = response.Json.GetProperty("errors")[0];
        Assert.Equal((pointer, code), (error.GetProperty("path").GetString(), error.GetProperty("code").GetString()));
    }

    private async Task<List<string>> IdsAsync(string path) =>
        [.. (await scenario.GetAsync(path, "hr", null, "FindingList")).Json.GetProperty("findings").EnumerateArray()
            .Select(f => f.GetProperty("findingId").GetString()!)];
}
