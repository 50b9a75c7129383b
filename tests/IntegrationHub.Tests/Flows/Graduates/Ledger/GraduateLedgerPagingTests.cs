using IntegrationHub.Flows.Graduates.Ledger;
using IntegrationHub.Tests.Labor;
using static IntegrationHub.Tests.Labor.Graduates.GraduateRecords;
using static IntegrationHub.Tests.Labor.LaborRecords;

namespace IntegrationHub.Tests.Flows.Graduates.Ledger;

/// <summary>The ledger read a page at a time (keyset, counted in the database) gives what the whole read gives, in its order,
/// with its counts: under the hukou-region rule with an override (the district filter chooses regions) and under the
/// serving-region rule (a district filter reads the cohort whole); read back from the last page to the first as the console's
/// previous links ask, and back from nowhere or from the first entry, which gives the first page.</summary>
public sealed class GraduateLedgerPagingTests
{
    private const int PageSize = 5;

    [Theory]
    [InlineData("hukou-region")]
    [InlineData("serving-region")]
    public async Task ReadPageAsync_ForwardThenBack_CoversTheWholeLedgerOnceWithItsCounts(string source)
    {
        var rulesFile = Path.Combine(Path.GetTempPath(), $"graduate-rules-paging-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(rulesFile, $$"""
            {
              "district": { "source": "{{source}}", "overrides": [{ "regionPrefix": "500106", "district": "500199" }] },
              "targets": { "followUpRate": 1.0, "serviceRate": 1.0, "placementRate": 0.9 },
              "rating": { "green": 0.9, "yellow": 0.8, "minimumGroupSize": 10, "ratingDate": "12-31" },
              "verificationExport": { "at": "02:00", "cohortsBack": 2 }
            }
            """, TestContext.Current.CancellationToken);
        try
        {
            await using var scenario = await LaborScenario.StartAsync(nameof(GraduateLedgerPagingTests) + (source == "hukou-region" ? "Hukou" : "Serving"),
                new Dictionary<string, string?> { ["Graduates:RulesFile"] = rulesFile });
            await scenario.SendAsync("edu", "graduate-roster", [.. Enumerable.Range(1, 12).Select(i =>
                Roster($"g-{i}", IdNumber("20040601", i), i == 12 ? "further-study" : "not-yet-placed", hukou: i % 2 == 0 ? "500106" : "500103"))]);
            await scenario.SendAsync("hr", "graduate-follow-up", [.. Enumerable.Range(1, 3).Select(i =>
                FollowUp($"f-{i}", IdNumber("20040601", i), "2026-09-01", region: "500106"))]);
            await scenario.SettleAsync();
            var ledger = scenario.Service<GraduateLedger>();
            var mostBacks = 0;

            foreach (var prefix in new string?[] { null, "500103", "500199", "5001", "9" })
            {
                var query = new LedgerQuery(2026, prefix);
                var whole = new List<string>();
                await foreach (var entry in ledger.ReadAsync(query, TestContext.Current.CancellationToken))
                {
                    whole.Add(Shown(entry));
                }

                var pages = new List<LedgerPage>();
                do
                {
                    // Each page after the last one read, as the console's next link asks.
                    pages.Add(await ledger.ReadPageAsync(query, pages.LastOrDefault()?.Last, backwards: false, PageSize,
                        TestContext.Current.CancellationToken));
                }
                while (pages[^1].Entries.Count == PageSize && pages.Count < 10);

                Assert.Equal(whole, pages.SelectMany(Shown));
                Assert.All(pages, p => Assert.Equal(whole.Count, p.Total));
                Assert.Equal(pages.Select((_, i) => (long)(i * PageSize)), pages.Select(p => p.Ahead));

                // Back from the last page to the first, as the console's previous links ask: before the page's first entry, or
                // (an empty page) before where it was asked to start, the previous page's last entry.
                var before = pages[^1].First ?? (pages.Count > 1 ? pages[^2].Last : null);
                var end = pages[^1].Entries.Count > 0 ? (int)pages[^1].Ahead
                    : pages.Count > 1 ? (int)pages[^2].Ahead + pages[^2].Entries.Count - 1
                    : 0;
                var backs = 0;
                for (; end > 0; backs++)
                {
                    var back = await ledger.ReadPageAsync(query, before, backwards: true, PageSize, TestContext.Current.CancellationToken);
                    var start = Math.Max(0, end - PageSize);

                    Assert.Equal(whole[start..end], Shown(back));
                    Assert.Equal((long)start, back.Ahead);
                    Assert.Equal(whole.Count, back.Total);
                    (before, end) = (back.First, start);
                }

                // Back from the first entry (nothing is before it) and back from nowhere both give the first page.
                var fromFirst = await ledger.ReadPageAsync(query, before, backwards: true, PageSize, TestContext.Current.CancellationToken);
                var fromNowhere = await ledger.ReadPageAsync(query, null, backwards: true, PageSize, TestContext.Current.CancellationToken);

                Assert.All([fromFirst, fromNowhere], first =>
                {
                    Assert.Equal(Shown(pages[0]), Shown(first));
                    Assert.Equal((0L, pages[0].Last), (first.Ahead, first.Last));
                });
                mostBacks = Math.Max(mostBacks, backs);
            }

            // The whole ledger (11 entries) is three pages: the walk back read two.
            Assert.Equal(2, mostBacks);
        }
        finally
        {
            File.Delete(rulesFile);
        }
    }

    private static List<string> Shown(LedgerPage page) => [.. page.Entries.Select(Shown)];

    private static string Shown(LedgerEntry entry) => entry.PersonId + " " + entry.District;
}
