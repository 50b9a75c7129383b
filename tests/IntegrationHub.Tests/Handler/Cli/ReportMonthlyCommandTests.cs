using IntegrationHub.Handler.Cli;
using IntegrationHub.Tests.Flows.Exchange;
using static IntegrationHub.Tests.Labor.LaborRecords;

namespace IntegrationHub.Tests.Handler.Cli;

public sealed class ReportMonthlyCommandTests() : ExchangeScenarioTests(nameof(ReportMonthlyCommandTests))
{
    private readonly string folder = Directory.CreateTempSubdirectory("report-monthly-").FullName;

    private string Credentials => Path.Combine(folder, "credentials.json");

    protected override async Task SetUpAsync()
    {
        await File.WriteAllTextAsync(Credentials, JsonSerializer.Serialize(Scenario.Hub.Tokens), Token);
        var person = IdNumber("19950101", 501);
        await Scenario.SendAsync("ps", "household-registration", Household("rm-h", person, "500103-000501"));
        await Scenario.SendAsync("tax", "wage-withholding", Tax("rm-w", person, "2026-10"));
        await Scenario.SettleAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        Directory.Delete(folder, recursive: true);
        await base.DisposeAsync();
    }

    [Fact]
    public async Task RunAsync_OctoberToCsv_WritesTheDistrictAndTheTotal()
    {
        var csv = Path.Combine(folder, "october.csv");

        var exit = await RunAsync("--month", "2026-10", "--region", "5001", "--out", csv);

        Assert.Equal(0, exit);
        var lines = (await File.ReadAllTextAsync(csv, Encoding.UTF8, Token)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(["district,employed,newlyEmployed,registeredUnemployed,registrationsOpened,registrationsClosed,zeroEmploymentHouseholds,difficultyPersons",
            "500103,1,1,0,0,0,0,0", "total,1,1,0,0,0,0,0"], lines);
    }

    [Theory]
    [InlineData(3, "--month", "2026-12")]
    [InlineData(1, "--month", "2026-1")]
    [InlineData(2, "--region", "50")]
    [InlineData(2, "--month", "2026-10", "--place", "50")]
    public async Task RunAsync_IncompleteMonthRefusedOrUsage_ExitCode(int expected, params string[] options)
    {
        Assert.Equal(expected, await RunAsync(options));
    }

    private Task<int> RunAsync(params string[] options) =>
        ReportMonthlyCommand.RunAsync(Scenario.Hub.Server.BaseAddress, Credentials, options, Token);
}
