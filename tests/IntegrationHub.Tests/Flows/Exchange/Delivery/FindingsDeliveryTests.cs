using static IntegrationHub.Tests.Labor.LaborRecords;

namespace IntegrationHub.Tests.Flows.Exchange.Delivery;

public sealed class FindingsDeliveryTests() : ExchangeScenarioTests(nameof(FindingsDeliveryTests))
{
    private static readonly string Person = IdNumber("19850707", 71);

    protected override async Task SetUpAsync()
    {
        await Scenario.SendAsync("hr", "employment-registration", Registration("d-u", Person, "unemployment", "2026-06-10"));
        await Scenario.SendAsync("tax", "wage-withholding", Tax("d-w", Person, "2026-08"));
        await Scenario.SettleAsync();

        // Past the settle margin: a scheduled file reaches only changes at least two minutes old.
        Scenario.Clock.Advance(TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task RunDue_AtTwoInTheMorningChinaTime_WritesNdjsonAndAManifestWithItsChecksumOnce()
    {
        // The clock is just past noon in Chongqing: nightly 02:00 last fired 10 hours ago.
        var outcomes = await Scenario.NewDelivery().RunDueAsync(Token);

        var hr = Assert.Single(outcomes, o => o.Department == "hr");
        Assert.True(hr.Delivered);
        Assert.Equal(new DateTimeOffset(2026, 11, 19, 18, 0, 0, TimeSpan.Zero), hr.Slot);
        var folder = Path.Combine(Scenario.Outbox, "hr", "findings");
        var file = Path.Combine(folder, "findings-20261119T180000Z.ndjson");
        var lines = File.ReadAllLines(file);
        Assert.Single(lines);
        Assert.Equal("unemployed-while-paid", JsonDocument.Parse(lines[0]).RootElement.GetProperty("ruleId").GetString());
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "findings-20261119T180000Z.manifest.json")));
        Assert.Equal(1, manifest.RootElement.GetProperty("records").GetInt32());
        Assert.Equal(1, manifest.RootElement.GetProperty("counts").GetProperty("open").GetInt32());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file))), manifest.RootElement.GetProperty("sha256").GetString());
        Assert.Empty(Directory.GetFiles(folder, ".*"));

        Assert.Empty(await Scenario.NewDelivery().RunDueAsync(Token));
        Assert.Equal(5, await Scenario.Hub.CountAsync("SELECT count(*) FROM audit_log WHERE action = 'findings.delivered'"));
    }

    [Fact]
    public async Task RunDue_FolderNotWritable_RetriesWithTheReasonAndLosesNothing()
    {
        // A file where the department's folder should be: no one, root included, can write into it.
        Directory.CreateDirectory(Path.Combine(Scenario.Outbox, "hr"));
        File.WriteAllText(Path.Combine(Scenario.Outbox, "hr", "findings"), "in the way");

        var failed = Assert.Single(await Scenario.NewDelivery().RunDueAsync(Token), o => o.Department == "hr");

        Assert.False(failed.Delivered);
        Assert.Contains("cannot write to", failed.Error, StringComparison.Ordinal);
        Assert.Equal(1, await Scenario.Hub.CountAsync(
            "SELECT count(*) FROM exchange_delivery WHERE department = 'hr' AND status = 'pending' AND attempts = 1 AND last_error LIKE 'cannot write to%'"));
        Assert.Equal(1, await Scenario.Hub.CountAsync("SELECT count(*) FROM audit_log WHERE action = 'findings.delivery-failed'"));

        // Retried only after the delay; once the folder is fixed, the finding is delivered after all.
        Assert.DoesNotContain(await Scenario.NewDelivery().RunDueAsync(Token), o => o.Department == "hr");
        File.Delete(Path.Combine(Scenario.Outbox, "hr", "findings"));
        Scenario.Clock.Advance(TimeSpan.FromMinutes(2));
        var retried = Assert.Single(await Scenario.NewDelivery().RunDueAsync(Token));

        Assert.True(retried.Delivered);
        Assert.Equal(1, retried.Findings);
    }

    [Fact]
    public async Task RunDue_ChangeWithinTheSettleMargin_WaitsForTheNextFile()
    {
        var other = IdNumber("19850707", 73);
        await Scenario.SendAsync("hr", "employment-registration", Registration("d-u2", other, "unemployment", "2026-09-01"));
        await Scenario.SendAsync("tax", "wage-withholding", Tax("d-w2", other, "2026-10"));
        await Scenario.SettleAsync();

        var first = Assert.Single(await Scenario.NewDelivery().RunDueAsync(Token), o => o.Department == "hr");

        Assert.Equal(1, first.Findings);
        Scenario.Clock.Advance(TimeSpan.FromDays(1));
        var next = Assert.Single(await Scenario.NewDelivery().RunDueAsync(Token), o => o.Department == "hr");
        Assert.Equal(1, next.Findings);
        Assert.Contains("d-u2", File.ReadAllText(next.File!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunDue_NextNight_DeliversOnlyWhatChangedSince()
    {
        await Scenario.NewDelivery().RunDueAsync(Token);
        await Scenario.SendAsync("hr", "employment-registration", Registration("d-u-end", Person, "unemployment-ended", "2026-07-20"));
        Scenario.Clock.Advance(TimeSpan.FromMinutes(1));
        await Scenario.SettleAsync();
        Scenario.Clock.Advance(TimeSpan.FromDays(1));

        var next = Assert.Single(await Scenario.NewDelivery().RunDueAsync(Token), o => o.Department == "hr");

        var line = Assert.Single(File.ReadAllLines(next.File!));
        Assert.Equal("resolved", JsonDocument.Parse(line).RootElement.GetProperty("status").GetString());
    }
}
