using IntegrationHub.Bench;

namespace IntegrationHub.Tests.Bench;

public sealed class BenchCommandLineTests
{
    public static TheoryData<string[], string> HelpRequests() => new()
    {
        // As ./hub passes them: the options it adds come after the user's.
        { ["intake", "--help", "--url", "http://127.0.0.1:7071", "--credentials", "c.json", "--hub-pid", "1"], "intake [--records N]" },
        { ["intake", "--records", "10", "-h"], "intake [--records N]" },
        { ["events", "--help"], "events [--persons N]" },
        { ["incremental", "--help"], "incremental [--rate R]" },
        { ["generate", "--help"], "generate --persons N --out DIR" },
        { ["score", "--help"], "score TRUTH LINKS" },
        { ["--help"], "usage: IntegrationHub.Bench COMMAND" },
    };

    [Theory]
    [MemberData(nameof(HelpRequests))]
    public async Task RunAsync_HelpAnywhere_PrintsTheCommandsUsageAndSucceeds(string[] args, string usageLine)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await BenchCommandLine.RunAsync(args, output, error, TestContext.Current.CancellationToken);

        Assert.Equal(0, exit);
        Assert.Equal("", error.ToString());
        Assert.Contains(usageLine, output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_IntakeHelp_PrintsOnlyIntakesUsage()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        await BenchCommandLine.RunAsync(["intake", "--help"], output, error, TestContext.Current.CancellationToken);

        Assert.DoesNotContain("score TRUTH LINKS", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnknownCommand_PrintsUsageAsAnErrorAndExitsTwo()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await BenchCommandLine.RunAsync(["nonsense"], output, error, TestContext.Current.CancellationToken);

        Assert.Equal(2, exit);
        Assert.Contains("usage: IntegrationHub.Bench COMMAND", error.ToString(), StringComparison.Ordinal);
    }
}
