using IntegrationHub.Handler.Cli;
using IntegrationHub.Tests.Labor;
using static IntegrationHub.Tests.Labor.Graduates.GraduateRecords;
using static IntegrationHub.Tests.Labor.LaborRecords;

namespace IntegrationHub.Tests.Handler.Cli;

public sealed class ReportGraduatesCommandTests : LaborScenarioTests
{
    private readonly string credentials = Path.Combine(Path.GetTempPath(), $"report-graduates-{Guid.NewGuid():N}.json");
    private readonly string csv = Path.Combine(Path.GetTempPath(), $"report-graduates-{Guid.NewGuid():N}.csv");

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await File.WriteAllTextAsync(credentials, JsonSerializer.Serialize(scenario.Hub.Tokens), TestContext.Current.CancellationToken);
        var id = IdNumber("20040801", 11);
        await scenario.SendAsync("edu", "graduate-roster", Roster("g-1", id, "employed", employer: Employer),
            Roster("g-2", IdNumber("20040802", 13), "not-yet-placed", school: "4150010612"));
        await scenario.SendAsync("tax", "wage-withholding", Tax("t-1", id, "2026-08"));
        await scenario.SettleAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        File.Delete(credentials);
        File.Delete(csv);
        await base.DisposeAsync();
    }

    [Fact]
    public async Task RunAsync_BySchoolToCsv_WritesEachSchoolAndTheTotal()
    {
        var exit = await ReportGraduatesCommand.RunAsync(scenario.Hub.Server.BaseAddress, credentials,
            ["--cohort", "2026", "--by", "school", "--out", csv], TestContext.Current.CancellationToken);

        Assert.Equal(0, exit);
        var lines = (await File.ReadAllTextAsync(csv, Encoding.UTF8, TestContext.Current.CancellationToken))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("group,name,graduates,placed", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("4150010611,重庆大学,1,1,0,0,0,100.0%", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("4150010612,重庆大学,1,0,0,0,1,0.0%", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("total,,2,1,0,0,1,50.0%", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MalformedCohort_FailsWithTheHubsRefusal()
    {
        var exit = await ReportGraduatesCommand.RunAsync(scenario.Hub.Server.BaseAddress, credentials, ["--cohort", "twenty"],
            TestContext.Current.CancellationToken);

        Assert.Equal(1, exit);
    }

    [Fact]
    public async Task RunAsync_WithoutCohort_IsAUsageError()
    {
        var exit = await ReportGraduatesCommand.RunAsync(scenario.Hub.Server.BaseAddress, credentials, ["--by", "school"],
            TestContext.Current.CancellationToken);

        Assert.Equal(2, exit);
    }
}
