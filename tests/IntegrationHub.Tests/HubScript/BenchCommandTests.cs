namespace IntegrationHub.Tests.HubScript;

public sealed class BenchCommandTests : ScriptCheckoutTests
{
    [Theory]
    [InlineData("intake")]
    [InlineData("events")]
    public async Task Bench_HelpWithoutARunningHub_RunsTheBenchsHelpAlone(string command)
    {
        checkout.FakeDotnet(output: "usage: fake");

        var result = await checkout.RunAsync(["bench", command, "--help"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("usage: fake", result.Output, StringComparison.Ordinal);
        var run = File.ReadAllLines(checkout.DotnetCalls).Single(l => l.StartsWith("run ", StringComparison.Ordinal));
        Assert.EndsWith($"-- {command} --help ", run, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("identity", "--help")]
    [InlineData("--help", null)]
    public async Task Bench_HelpOfTheScriptsOwn_PrintsUsageAndSucceeds(string first, string? second)
    {
        var result = await checkout.RunAsync(second is null ? ["bench", first] : ["bench", first, second]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("usage: ./hub bench", result.Output, StringComparison.Ordinal);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public async Task Bench_HubStartedOnAnotherPort_SendsToTheRecordedUrl()
    {
        checkout.FakeDotnet();

        var result = await RunBesideRunningHubAsync(["bench", "intake", "--records", "5"]);

        var run = File.ReadAllLines(checkout.DotnetCalls).Single(l => l.StartsWith("run ", StringComparison.Ordinal));
        Assert.Contains($"--url {checkout.HealthUrl} ", run, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_LongBuildAndRun_SaysOnStderrThatEachStillGoesOn()
    {
        checkout.FakeDotnet(seconds: 3.5);

        var result = await RunBesideRunningHubAsync(["bench", "intake", "--records", "5"],
            new Dictionary<string, string?> { ["HUB_PROGRESS_SECONDS"] = "1" });

        Assert.Matches(new Regex("building the bench, [0-9]+ s"), result.Error);
        Assert.Matches(new Regex("bench running, [0-9]+ s"), result.Error);
    }
}
