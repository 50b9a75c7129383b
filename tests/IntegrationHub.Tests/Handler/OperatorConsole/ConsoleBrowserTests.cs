using IntegrationHub.Identity;
using IntegrationHub.Identity.Linking;

namespace IntegrationHub.Tests.Handler.OperatorConsole;

/// <summary>The console in headless Chromium against a real hub and database: what an operator does, asserted on the page and
/// in the database, each page kept as a screenshot.</summary>
public sealed class ConsoleBrowserTests : IAsyncLifetime
{
    private IntakeHarness hub = null!;
    private ConsoleBrowser browser = null!;
    private string password = null!;

    public async ValueTask InitializeAsync()
    {
        hub = await IntakeHarness.StartAsync(nameof(ConsoleBrowserTests));
        browser = await ConsoleBrowser.LaunchAsync(hub.Server.BaseAddress);
        password = await ConsoleClient.AddOperatorAsync(hub.Server.Services, "alice", OperatorRole.Admin);
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        await hub.DisposeAsync();
    }

    [Fact]
    public async Task SignIn_ThenFindAPersonByNumber_ShowsTheGoldenRecordAndAuditsTheSearch()
    {
        var number = TaxRecords.IdNumber(1101);
        await hub.PostJsonAsync("ps", "household-registration", Households.Batch("find-1101", "hh-1101", number, "陈静", Households.BirthDate(number)));
        await LinkAsync();
        var person = PersonId.Format(await hub.CountAsync("SELECT person_id FROM person_link WHERE record_id = 'hh-1101'"));
        var page = await browser.NewPageAsync();

        await ConsoleBrowser.SignInAsync(page, "alice", password);
        Assert.EndsWith("/console/", page.Url, StringComparison.Ordinal);
        Assert.Equal("总览", await page.InnerTextAsync("h1"));
        await ConsoleBrowser.ScreenshotAsync(page, "dashboard");
        await page.ClickAsync("text=English");
        Assert.Equal("Dashboard", await page.InnerTextAsync("h1"));
        await page.ClickAsync("nav >> text=Persons");
        await page.FillAsync("#idNumber", number);
        await page.ClickAsync("#find");
        await ConsoleBrowser.ScreenshotAsync(page, "person-search");
        await page.ClickAsync($"#found >> text={person}");
        await ConsoleBrowser.ScreenshotAsync(page, "person");

        Assert.Contains("陈静", await page.InnerTextAsync("#golden"), StringComparison.Ordinal);
        Assert.Contains("ps/household-registration/hh-1101", await page.InnerTextAsync("#records"), StringComparison.Ordinal);
        Assert.Equal(1, await hub.CountAsync(
            "SELECT count(*) FROM audit_log WHERE action = 'person.search' AND actor = 'operator:alice' AND purpose = 'console: person lookup'"));
        Assert.Equal(1, await hub.CountAsync($"SELECT count(*) FROM audit_log WHERE action = 'person.read' AND actor = 'operator:alice' AND subject = '{person}'"));
    }

    [Fact]
    public async Task ReviewItem_WorkedToAMergeAndUndone_MergesTheRecordsPersonAndRestoresIt()
    {
        var (reviewId, own, proposed) = await CorrectedNumberDoubtAsync(1201);
        var page = await browser.NewPageAsync();
        await ConsoleBrowser.SignInAsync(page, "alice", password, "/console/review");
        await ConsoleBrowser.ScreenshotAsync(page, "review-queue");

        await page.ClickAsync($"#review-items >> text=#{reviewId}");
        Assert.Contains(own, await page.InnerTextAsync("#record-person"), StringComparison.Ordinal);
        Assert.Contains("name", await page.InnerTextAsync("#weights"), StringComparison.OrdinalIgnoreCase);
        await ConsoleBrowser.ScreenshotAsync(page, "review-item");
        await page.ClickAsync($"#actions button:has-text('{own}')");
        Assert.Equal("已合并。", await page.InnerTextAsync("#done"));
        var mergedInto = await hub.CountAsync($"SELECT coalesce(merged_into, 0) FROM person WHERE person_id = {own[1..]}");
        await ConsoleBrowser.ScreenshotAsync(page, "review-merged");
        await page.ClickAsync("#actions button:has-text('撤销合并')");

        Assert.Equal("已撤销合并。", await page.InnerTextAsync("#done"));
        Assert.Equal(long.Parse(proposed[1..], System.Globalization.CultureInfo.InvariantCulture), mergedInto);
        Assert.Equal(1, await hub.CountAsync($"SELECT count(*) FROM person WHERE person_id = {own[1..]} AND merged_into IS NULL"));
        Assert.Equal(1, await hub.CountAsync($"SELECT count(*) FROM audit_log WHERE action = 'person.merge' AND actor = 'operator:alice' AND subject = '{own}'"));
        Assert.Equal(1, await hub.CountAsync($"SELECT count(*) FROM audit_log WHERE action = 'person.unmerge' AND actor = 'operator:alice' AND subject = '{own}'"));
    }

    [Fact]
    public async Task Batches_RejectedBatch_ReportListsEachRejectedRecordWithItsErrors()
    {
        var sent = await hub.PostJsonAsync("ps", "household-registration", IntakeHarness.Sample("ps", "household-registration", "invalid"));
        var batchId = sent.Json.GetProperty("batchId").GetString()!;
        var rejected = sent.Json.GetProperty("rejected").GetInt32();
        var firstCode = sent.Json.GetProperty("records")[0].GetProperty("errors")[0].GetProperty("code").GetString()!;
        var page = await browser.NewPageAsync();
        await ConsoleBrowser.SignInAsync(page, "alice", password, "/console/batches?department=ps");
        await ConsoleBrowser.ScreenshotAsync(page, "batches");

        await page.ClickAsync($"#batches >> text={batchId}");
        await ConsoleBrowser.ScreenshotAsync(page, "batch-report");

        Assert.Contains(rejected.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.InnerTextAsync("#report"), StringComparison.Ordinal);
        Assert.True(rejected > 0);
        Assert.Equal(rejected, await page.Locator("#problems tr.disagree").Filter(new LocatorFilterOptions { HasText = "rejected" })
            .EvaluateAllAsync<int>("rows => new Set(rows.map(r => r.cells[0].innerText)).size"));
        Assert.Contains(firstCode, await page.InnerTextAsync("#problems"), StringComparison.Ordinal);
        Assert.Equal(rejected, await hub.CountAsync($"SELECT (report->>'rejected')::bigint FROM intake_batch WHERE batch_id = '{batchId}'"));
    }

    /// <summary>
    /// A record first sent with one valid number (its own new person), then corrected to another person's number while keeping
    /// a name and birth date that disagree with that person: a review item whose record already has a person of its own.
    /// </summary>
    private async Task<(long ReviewId, string Own, string Proposed)> CorrectedNumberDoubtAsync(int n)
    {
        var (first, second) = (TaxRecords.IdNumber(n), TaxRecords.IdNumber(n + 1));
        await hub.PostJsonAsync("ps", "household-registration", Households.Batch($"p-{n}", $"hh-p-{n}", second, "王芳", Households.BirthDate(second)));
        await hub.PostJsonAsync("ps", "household-registration", Households.Batch($"x-{n}", $"moved-{n}", first, "赵强", Households.BirthDate(first)));
        await LinkAsync();
        await hub.PostJsonAsync("ps", "household-registration", Households.Batch($"x2-{n}", $"moved-{n}", second, "赵强", Households.BirthDate(first)));
        await LinkAsync();
        var reviewId = await hub.CountAsync($"SELECT review_id FROM review_item WHERE record_id = 'moved-{n}'");
        var own = PersonId.Format(await hub.CountAsync($"SELECT person_id FROM person_link WHERE record_id = 'moved-{n}' AND version = 1"));
        var proposed = PersonId.Format(await hub.CountAsync($"SELECT person_id FROM person_link WHERE record_id = 'hh-p-{n}'"));
        return (reviewId, own, proposed);
    }

    private async Task LinkAsync()
    {
        await hub.Server.Services.GetRequiredService<DeterministicLinker>().LinkAllAsync(TestContext.Current.CancellationToken);
        await hub.Server.Services.GetRequiredService<ProbabilisticLinker>().LinkAllAsync(TestContext.Current.CancellationToken);
    }
}
