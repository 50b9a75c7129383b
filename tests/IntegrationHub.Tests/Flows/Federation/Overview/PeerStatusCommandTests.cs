using IntegrationHub.Tests.Flows.Federation.Transfers;

namespace IntegrationHub.Tests.Flows.Federation.Overview;

/// <summary>The peer lines of <c>./hub status</c> (the handler's <c>peer status</c>, over <c>GET /api/peers</c>) against a
/// running pair of hubs: with the peer up after a transfer, then with the peer down and a transfer waiting for it.</summary>
public sealed class PeerStatusCommandTests
{
    [Fact]
    public async Task PeerStatus_PeerUpThenDown_ShowsReachabilityCircuitLastMessagesAndTransfers()
    {
        await using var hubs = await PeerHubs.StartAsync("fed_status");
        var first = await TransferSteps.SeedPersonAtAAsync(hubs, 831);
        var done = await TransferSteps.RequestToBAsync(hubs, first);
        await TransferSteps.WaitForAsync(hubs.A, hubs.AdminTokenA, done, "accepted");
        await TransferSteps.WaitCountAsync(hubs.DatabaseA, "SELECT count(*) FROM transfer WHERE outbound IS NULL", 1, 30);

        var up = await StatusAsync(hubs);

        Assert.Contains($"peer: {PeerHubs.RegionB} at http://127.0.0.1:{hubs.PortB}/ reachable, circuit closed", up);
        Assert.DoesNotContain("last message sent never", up);
        Assert.DoesNotContain("received never", up);
        Assert.Contains($"peer: {PeerHubs.RegionB} transfers 0 under way, 0 awaiting a decision here, 0 with a step to send (0 retrying)", up);

        hubs.StopB();
        var second = await TransferSteps.SeedPersonAtAAsync(hubs, 832);
        var waiting = await TransferSteps.RequestToBAsync(hubs, second);
        await TransferSteps.WaitCountAsync(hubs.DatabaseA,
            "SELECT count(*) FROM transfer WHERE transfer_id = @id::uuid AND last_error IS NOT NULL AND attempts >= 2", 1, 60, ("id", waiting));

        var down = await StatusAsync(hubs);

        Assert.Matches($@"peer: {PeerHubs.RegionB} at http://127\.0\.0\.1:{hubs.PortB}/ UNREACHABLE \(.+\), circuit (open|half-open|closed)", down);
        Assert.Contains($"peer: {PeerHubs.RegionB} transfers 1 under way, 0 awaiting a decision here, 1 with a step to send (1 retrying)", down);
        using var response = await PeerHubs.SendAsync(hubs.A, HttpMethod.Get, "/api/peers", hubs.AdminTokenA, null);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        ResponseCapture.Save("Peers", text);
        Assert.Equal(PeerHubs.RegionA, (string?)JsonNode.Parse(text)!["region"]);
    }

    [Fact]
    public async Task PeerStatus_HubNotAnswering_SaysUnknownAndExitsOne()
    {
        var credentials = Path.Combine(Path.GetTempPath(), $"hub-status-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(credentials, """{"admin":"nobody"}""", TestContext.Current.CancellationToken);
        try
        {
            var (exit, output) = await RunAsync("--url", $"http://127.0.0.1:{HandlerProcess.FreePort()}", "--credentials", credentials);

            Assert.Equal(1, exit);
            Assert.StartsWith("peers: unknown (the hub at", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(credentials);
        }
    }

    private static async Task<string> StatusAsync(PeerHubs hubs)
    {
        var credentials = Path.Combine(Path.GetTempPath(), $"hub-status-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(credentials, new JsonObject { ["admin"] = hubs.AdminTokenA }.ToJsonString());
        try
        {
            var (exit, output) = await RunAsync("--url", $"http://127.0.0.1:{hubs.PortA}", "--credentials", credentials);
            Assert.True(exit == 0, output);
            return output;
        }
        finally
        {
            File.Delete(credentials);
        }
    }

    private static async Task<(int Exit, string Output)> RunAsync(params string[] options)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "IntegrationHub.Handler.dll"), "peer", "status", .. options])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }
}
