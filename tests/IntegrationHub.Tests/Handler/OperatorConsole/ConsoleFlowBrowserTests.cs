using IntegrationHub.Tests.Labor;
using static IntegrationHub.Tests.Labor.Graduates.GraduateRecords;
using static IntegrationHub.Tests.Labor.LaborRecords;

namespace IntegrationHub.Tests.Handler.OperatorConsole;

/// <summary>The console's pages over the flows in headless Chromium: the graduate ledger and its ratings, the ledger's export
/// with its progress, a department's findings and the feed alerts; asserted on the page and in the database, each page kept
/// as a screenshot.</summary>
public sealed partial class ConsoleFlowBrowserTests : IAsyncLifetime
{
    private static readonly string Unplaced = IdNumber("20040501", 11);
    private LaborScenario scenario = null!;
    private ConsoleBrowser browser = null!;
    private string password = null!;

    public async ValueTask InitializeAsync()
    {
        scenario = await LaborScenario.StartAsync(nameof(ConsoleFlowBrowserTests));
        await scenario.SendAsync("edu", "graduate-roster",
            Roster("g-1", Unplaced, "not-yet-placed", hukou: "500103", phone: "13812345678"),
            Roster("g-2", IdNumber("20040502", 13), "not-yet-placed", hukou: "500106", school: "4150010612"),
            Roster("g-3", IdNumber("20040503", 15), "further-study"));
        await scenario.SendAsync("hr", "graduate-follow-up", FollowUp("f-1", Unplaced, "2026-09-01"));
        await scenario.SettleAsync();
        browser = await ConsoleBrowser.LaunchAsync(Hub.Server.BaseAddress);
        password = await ConsoleClient.AddOperatorAsync(Hub.Server.Services, "gina", OperatorRole.Admin);
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        await scenario.DisposeAsync();
    }

    private IntakeHarness Hub => scenario.Hub;

    [Fact]
    public async Task Graduates_LedgerFilteredAndRatings_ShowTheUnplacedWithPhonesMaskedAndTheRatingsChart()
    {
        var page = await browser.NewPageAsync();
        await ConsoleBrowser.SignInAsync(page, "gina", password, "/console/graduates?cohort=2026");
        var all = await page.Locator("#ledger tr").CountAsync() - 1;
        var html = await page.ContentAsync();
        await ConsoleBrowser.ScreenshotAsync(page, "graduates-ledger");
        await page.FillAsync("#school", "4150010612");
        await page.ClickAsync("form.actions button:has-text('筛选')");
        var oneSchool = await page.Locator("#ledger tr").CountAsync() - 1;
        await page.ClickAsync("text=去向落实率红黄绿亮灯");
        await ConsoleBrowser.ScreenshotAsync(page, "graduates-ratings");

        Assert.Equal(2, all);
        Assert.Contains("138****5678", html, StringComparison.Ordinal);
        Assert.DoesNotContain("13812345678", html, StringComparison.Ordinal);
        Assert.Equal(1, oneSchool);
        Assert.Equal(2, await page.Locator("#school-ratings tr").CountAsync() - 1);
        Assert.Contains("50%", await page.InnerTextAsync("#school-ratings"), StringComparison.Ordinal);
        Assert.Equal(2, await page.Locator("#placement-chart rect").CountAsync());
        Assert.Equal(2, await Hub.CountAsync(
            "SELECT count(*) FROM audit_log WHERE action = 'graduates.ledger.read' AND actor = 'operator:gina' AND purpose = 'console: graduate ledger'"));
    }

    [Fact]
    public async Task Export_GraduateLedger_ShowsProgressThenOffersTheFileAuditedUnderTheOperator()
    {
        var page = await browser.NewPageAsync();
        await ConsoleBrowser.SignInAsync(page, "gina", password, "/console/graduates?cohort=2026");
        await page.FillAsync("#export-purpose", "follow-up campaign");
        await page.ClickAsync("button:has-text('导出 CSV')");
        var progress = await page.InnerTextAsync("#progress");
        await page.WaitForSelectorAsync("a.download", new PageWaitForSelectorOptions { Timeout = 60_000 });
        await ConsoleBrowser.ScreenshotAsync(page, "export");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("a.download"));
        var csv = await File.ReadAllTextAsync(await download.PathAsync(), TestContext.Current.CancellationToken);

        Assert.Matches(ExportProgress(), progress);
        Assert.Contains("导出完成：2 行", await page.InnerTextAsync("#progress"), StringComparison.Ordinal);
        Assert.StartsWith("personId,name,cohort", csv.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Equal(3, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("138****5678", csv, StringComparison.Ordinal);
        Assert.Equal(1, await Hub.CountAsync(
            "SELECT count(*) FROM operator_export WHERE operator = 'gina' AND state = 'done' AND rows_written = 2 AND purpose = 'follow-up campaign'"));
        Assert.Equal(1, await Hub.CountAsync(
            "SELECT count(*) FROM audit_log WHERE action = 'console.export' AND actor = 'operator:gina' AND purpose = 'follow-up campaign'"));
        Assert.Equal(1, await Hub.CountAsync("SELECT count(*) FROM audit_log WHERE action = 'console.export.download' AND actor = 'operator:gina'"));
    }

    [Fact]
    public async Task FindingsAndFeeds_NumberFindingAndOverdueFeed_ShowTheFindingMaskedEvenToAnAdminAndTheFeedOnTheDashboard()
    {
        var person = await Hub.CountAsync("SELECT min(person_id) FROM person");
        var cipher = Hub.Server.Services.GetRequiredService<IdentityProtector>().Encrypt(Unplaced, ProtectionPurposes.IdNumber);
        await using (var seed = Hub.DataSource.CreateCommand($$"""
            INSERT INTO exchange_finding (rule_id, department, person_id, finding_key, record_ids, period_from, period_to, evidence, detail,
                number_cipher, open, first_seen, last_seen, changed_at)
            VALUES ('number-change', 'hr', {{person}}, 'n', ARRAY['r-1'], '2026-01', '2026-11', '[{"department":"ps","feed":"household-registration"}]',
                '{"changeDate":"2026-03-01"}', @cipher, true, now(), now(), now());
            INSERT INTO exchange_feed_alert (department, feed, kind, alert_key, detail, raised_at)
            VALUES ('hr', 'unemployment-registration', 'overdue', '2026-12-01T01:00:00Z', '{}', now());
            """))
        {
            seed.Parameters.AddWithValue("cipher", cipher);
            await seed.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var page = await browser.NewPageAsync();
        await ConsoleBrowser.SignInAsync(page, "gina", password);
        var overdue = await page.InnerTextAsync("#card-overdue-feeds .value");
        var standing = await page.InnerTextAsync("#standing-alerts");
        await ConsoleBrowser.ScreenshotAsync(page, "dashboard-feeds");
        await page.ClickAsync("nav >> text=比对发现");
        await page.SelectOptionAsync("#department", "hr");
        await page.ClickAsync("form.actions button:has-text('筛选')");
        var findings = await page.InnerTextAsync("#findings");
        var html = await page.ContentAsync();
        await ConsoleBrowser.ScreenshotAsync(page, "findings");
        await page.ClickAsync("nav >> text=数据报送");
        await ConsoleBrowser.ScreenshotAsync(page, "feeds");

        Assert.Equal("1", overdue);
        Assert.Contains("unemployment-registration", standing, StringComparison.Ordinal);
        Assert.Contains("number-change", findings, StringComparison.Ordinal);
        Assert.Contains(Unplaced[..4] + "**********" + Unplaced[^4..], findings, StringComparison.Ordinal);
        Assert.DoesNotContain(Unplaced, html, StringComparison.Ordinal);
        Assert.Contains("unemployment-registration", await page.InnerTextAsync("#feed-alerts"), StringComparison.Ordinal);
        // Two reads: the page as the navigation opens it (hr, the first department) and as filtered.
        Assert.Equal(2, await Hub.CountAsync(
            "SELECT count(*) FROM audit_log WHERE action = 'findings.read' AND actor = 'operator:gina' AND purpose = 'console: comparison findings' AND subject = 'hr'"));
    }

    [GeneratedRegex("排队等待导出|正在导出|导出完成")]
    private static partial Regex ExportProgress();
}
