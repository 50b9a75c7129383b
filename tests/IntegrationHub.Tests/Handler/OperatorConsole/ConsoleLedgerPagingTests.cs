using IntegrationHub.Flows.Graduates.Ledger;
using IntegrationHub.Identity;
using IntegrationHub.Labor.Graduates;
using IntegrationHub.Tests.Labor;
using static IntegrationHub.Tests.Labor.Graduates.GraduateRecords;
using static IntegrationHub.Tests.Labor.LaborRecords;

namespace IntegrationHub.Tests.Handler.OperatorConsole;

/// <summary>The graduate ledger page reads one page from the database by keyset (person order): a graduate who leaves the
/// ledger while the operator pages does not push another off the next page, and the pages count and link as before.</summary>
public sealed partial class ConsoleLedgerPagingTests : IAsyncLifetime
{
    private const int Graduates = 56;
    private LaborScenario scenario = null!;
    private ConsoleClient console = null!;

    public async ValueTask InitializeAsync()
    {
        scenario = await LaborScenario.StartAsync(nameof(ConsoleLedgerPagingTests));
        await scenario.SendAsync("edu", "graduate-roster", [.. Enumerable.Range(1, Graduates).Select(i =>
            Roster($"g-{i}", IdNumber("20040501", i), "not-yet-placed", hukou: i % 2 == 0 ? "500106" : "500103"))]);
        await scenario.SettleAsync();
        console = await ConsoleClient.SignedInAsync(scenario.Hub.Server, "lena", OperatorRole.Admin);
    }

    public async ValueTask DisposeAsync()
    {
        console.Dispose();
        await scenario.DisposeAsync();
    }

    [Fact]
    public async Task Ledger_DistrictFilteredAndOneLeavesBetweenPages_NextShowsTheRestOnce()
    {
        var (_, first, _) = await console.GetAsync("/console/graduates?cohort=2026&district=500103");
        var firstIds = Ids(first);
        // The first graduate the operator saw is placed (further study) before the next page is read.
        var leaving = Enumerable.Range(1, Graduates).Where(i => i % 2 == 1).Select(i => $"g-{i}").ToList();
        foreach (var recordId in leaving)
        {
            if (PersonId.Format(await scenario.PersonOfAsync(recordId)) == firstIds[0])
            {
                await scenario.SendAsync("edu", "graduate-roster", Roster(recordId, IdNumber("20040501", int.Parse(recordId[2..],
                    CultureInfo.InvariantCulture)), "further-study", hukou: "500103"));
                break;
            }
        }

        await scenario.SettleAsync();
        var (_, second, _) = await console.GetAsync(ConsolePagerLinks.Next(first));
        var secondIds = Ids(second);

        Assert.Contains("第 1 页，共 2 页（28 条）", first, StringComparison.Ordinal);
        Assert.Equal(25, firstIds.Count);
        Assert.Equal(3, secondIds.Count);
        Assert.Empty(firstIds.Intersect(secondIds));
        Assert.Contains("第 2 页，共 2 页（27 条）", second, StringComparison.Ordinal);
        Assert.Equal(2, await scenario.Hub.CountAsync(
            "SELECT count(*) FROM audit_log WHERE action = 'graduates.ledger.read' AND actor = 'operator:lena' AND purpose = 'console: graduate ledger'"));
    }

    [Fact]
    public async Task Ledger_ThreePages_NextAndPreviousCoverTheLedgerOnceInPersonOrder()
    {
        var (_, first, _) = await console.GetAsync("/console/graduates?cohort=2026");
        var (_, second, _) = await console.GetAsync(ConsolePagerLinks.Next(first));
        var (_, third, _) = await console.GetAsync(ConsolePagerLinks.Next(second));
        var (_, back, _) = await console.GetAsync(ConsolePagerLinks.Previous(third));
        var ids = Ids(first).Concat(Ids(second)).Concat(Ids(third)).ToList();

        Assert.Contains("第 1 页，共 3 页（56 条）", first, StringComparison.Ordinal);
        Assert.Contains("第 3 页，共 3 页（56 条）", third, StringComparison.Ordinal);
        Assert.Equal(Graduates, ids.Count);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Equal(Ids(second), Ids(back));
        Assert.Contains("第 2 页，共 3 页（56 条）", back, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"next\"", third, StringComparison.Ordinal);
    }

    /// <summary>A cursor written by hand shows the page <see cref="ConsolePagerLinks.HandWrittenCursors"/> says, a NUL in a fact key
    /// included.</summary>
    [Theory]
    [MemberData(nameof(ConsolePagerLinks.HandWrittenCursors), MemberType = typeof(ConsolePagerLinks))]
    public async Task Ledger_CursorWrittenByHand_ShowsTheRightPage(string cursor, int first, int page)
    {
        var keys = await LedgerKeysAsync();

        var (status, html, _) = await console.GetAsync("/console/graduates?cohort=2026&"
            + ConsolePagerLinks.Cursor(cursor, [.. keys.Select(LedgerCursor.Encode)]));

        Assert.Equal(200, status);
        Assert.Equal(keys.Skip(first).Take(25).Select(k => PersonId.Format(k.PersonId)), Ids(html));
        Assert.Contains($"第 {page} 页，共 3 页（{Graduates} 条）", html, StringComparison.Ordinal);
    }

    /// <summary>Every graduate of the ledger in person order (the page's order), by key.</summary>
    private async Task<List<GraduateKey>> LedgerKeysAsync()
    {
        await using var read = scenario.Hub.DataSource.CreateCommand(
            "SELECT person_id, fact_key FROM labor_fact WHERE kind = 'graduate' AND open ORDER BY person_id, fact_key");
        return await read.ReadRowsAsync(reader => new GraduateKey(reader.GetInt64(0), reader.GetString(1)), TestContext.Current.CancellationToken);
    }

    private static List<string> Ids(string html) =>
        [.. LedgerRow().Matches(html[html.IndexOf("id=\"ledger\"", StringComparison.Ordinal)..]).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("<tr><td><a href=\"[^\"]+\">(P[0-9]{9})</a></td>")]
    private static partial Regex LedgerRow();
}
