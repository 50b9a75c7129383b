using IntegrationHub.Handler.Cli;

namespace IntegrationHub.Tests.Handler.Cli;

public sealed class AuditChainBenchOptionsTests
{
    [Theory]
    [InlineData(new string[0], 0, 1000, 0)]
    [InlineData(new[] { "--append", "200000" }, 200000, 1000, 0)]
    [InlineData(new[] { "--new", "50", "--append", "0", "--Hub:X=1" }, 0, 50, 1)]
    public void ParseOptions_WellFormed_GivesTheValuesAndLeavesTheRest(string[] args, int append, int fresh, int rest)
    {
        var options = AuditChainBenchCommand.ParseOptions(args);

        Assert.NotNull(options);
        Assert.Equal((append, fresh, rest), (options.Append, options.Fresh, options.Rest.Length));
    }

    [Theory]
    [InlineData("--append")]
    [InlineData("--append many")]
    [InlineData("--append -5")]
    [InlineData("--new 0")]
    [InlineData("--new 99999999999")]
    public void ParseOptions_Malformed_IsRefused(string args)
    {
        Assert.Null(AuditChainBenchCommand.ParseOptions(args.Split(' ')));
    }
}
