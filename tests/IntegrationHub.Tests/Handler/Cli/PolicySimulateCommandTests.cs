using IntegrationHub.Handler.Cli;
using IntegrationHub.Tests.Flows.Policy;
using static IntegrationHub.Tests.Labor.LaborRecords;

namespace IntegrationHub.Tests.Handler.Cli;

public sealed class PolicySimulateCommandTests : IAsyncLifetime
{
    private PolicyScenario scenario = null!;
    private string credentials = null!;
    private readonly PolicyFolder folder = new();

    public async ValueTask InitializeAsync()
    {
        scenario = await PolicyScenario.StartAsync("pol_cli");
        credentials = Path.Combine(Path.GetTempPath(), $"policy-cli-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(credentials, JsonSerializer.Serialize(scenario.Hub.Tokens), TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        File.Delete(credentials);
        folder.Dispose();
        await scenario.DisposeAsync();
    }

    [Fact]
    public async Task RunAsync_PolicyFile_PrintsTheEligibleCountAndStoresNothing()
    {
        await scenario.SendAsync("ps", "household-registration", Household("cli-1", IdNumber("19790101", 901), "H-901"));
        await scenario.SettleAsync();
        var draft = PolicyFolder.ShippedPolicy("zero-employment-household-assistance");
        draft["id"] = "draft-cli";
        folder.Write("draft.json", draft);
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        int exit;
        try
        {
            exit = await PolicySimulateCommand.RunAsync(scenario.Hub.Server.BaseAddress, credentials, Path.Combine(folder.Path,
                "draft.json"),
                TestContext.Current.CancellationToken);
        }
        finally
        {
            Console.SetOut(original);
        }

        Assert.Equal(0, exit);
        // The hub decides on its own clock, not the scenario's.
        Assert.Matches(@"^policy draft-cli v1: 1 of 1 subjects eligible on [0-9]{4}-[0-9]{2}-[0-9]{2} \(nothing stored\)\n",
            output.ToString());
        Assert.Equal(0, await scenario.Hub.CountAsync("SELECT count(*) FROM policy_decision WHERE policy_id = 'draft-cli'"));
    }

    [Fact]
    public async Task RunAsync_BadPolicyFile_ExitsOne()
    {
        folder.Write("bad.json", """{"id": "bad"}""");

        var exit = await PolicySimulateCommand.RunAsync(scenario.Hub.Server.BaseAddress, credentials, Path.Combine(folder.Path, "bad.json"),
            TestContext.Current.CancellationToken);

        Assert.Equal(1, exit);
    }
}
