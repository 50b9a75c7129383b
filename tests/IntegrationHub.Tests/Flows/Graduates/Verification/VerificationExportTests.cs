using IntegrationHub.Flows.Graduates.Rules;
using IntegrationHub.Flows.Graduates.Verification;
using IntegrationHub.Intake.Exchange;
using IntegrationHub.Tests.Labor;
using static IntegrationHub.Tests.Labor.Graduates.GraduateRecords;
using static IntegrationHub.Tests.Labor.LaborRecords;

namespace IntegrationHub.Tests.Flows.Graduates.Verification;

public sealed class VerificationExportTests : LaborScenarioTests
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"hub-export-{Guid.NewGuid():N}");

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var id = IdNumber("20040601", 11);
        await scenario.SendAsync("edu", "graduate-roster", Roster("g-1", id, "employed", employer: Employer),
            Roster("g-2", IdNumber("20040602", 13), "employed", employer: Employer));
        await scenario.SendAsync("tax", "wage-withholding", Tax("t-1", id, "2026-07"));
        await scenario.SettleAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private VerificationExport Export(ManualTimeProvider clock) =>
        new(scenario.Hub.Server.Services.GetRequiredService<EduVerificationReport>(), scenario.Hub.DataSource,
            new HubCalendar(clock, Options.Create(new CalendarOptions())), Options.Create(new ExchangeOptions { Root = root }),
            GraduateRulesLoader.Default);

    [Fact]
    public async Task RunDue_BeforeTheDaysTime_WritesYesterdaysOnceForEachCohortWithAManifest()
    {
        // 01:00 on 21 November in China: today's 02:00 run is not due, yesterday's is.
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 20, 17, 0, 0, TimeSpan.Zero));

        var first = await Export(clock).RunDueAsync(Token);
        var second = await Export(clock).RunDueAsync(Token);

        Assert.Equal([2024, 2025, 2026], first);
        Assert.Empty(second);
        var folder = Path.Combine(root, "outbox", "edu", "graduate-verification");
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "graduate-verification-2026-20261120.manifest.json"), Token))!;
        var data = await File.ReadAllBytesAsync(Path.Combine(folder, manifest["file"]!.GetValue<string>()), Token);
        Assert.Equal(2, manifest["records"]!.GetValue<int>());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), manifest["sha256"]!.GetValue<string>());
        var lines = System.Text.Encoding.UTF8.GetString(data).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(["verified", "no-evidence"], lines.Select(l => l["status"]!.GetValue<string>()));
        Assert.Equal("tax/wage-withholding", lines[0]["evidence"]![0]!.GetValue<string>());
        Assert.DoesNotContain("t-1", System.Text.Encoding.UTF8.GetString(data), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunDue_AfterTheDaysTime_WritesTodays()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 20, 18, 30, 0, TimeSpan.Zero));

        await Export(clock).RunDueAsync(Token);

        Assert.True(File.Exists(Path.Combine(root, "outbox", "edu", "graduate-verification", "graduate-verification-2026-20261121.ndjson")));
        Assert.Equal(3, await scenario.Hub.CountAsync("SELECT count(*) FROM graduate_export WHERE export_day = '2026-11-21'"));
    }
}
