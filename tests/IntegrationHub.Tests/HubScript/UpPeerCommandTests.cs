namespace IntegrationHub.Tests.HubScript;

/// <summary>
/// <c>./hub up --peer</c>, <c>./hub status</c> and <c>./hub down</c> for real, in a scratch checkout with a PostgreSQL cluster
/// of its own: two hub processes (the tests' build of the handler, <c>HUB_APP_DIR</c>) registered as each other's peer.
/// </summary>
public sealed class UpPeerCommandTests : IDisposable
{
    private readonly ScriptCheckout checkout = new(standInCluster: false);
    private readonly int port = FreePairPort();

    private Dictionary<string, string?> Environment => new()
    {
        ["HUB_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["HUB_APP_DIR"] = AppContext.BaseDirectory.TrimEnd('/'),
        ["HUB_PEER_PORT"] = null,
        ["HUB_PROGRESS_SECONDS"] = "600",
    };

    [Fact]
    public async Task UpPeer_ThenStatusAndDown_TwoHubsRegisteredAsPeersThenBothStopped()
    {
        var hubUrl = $"http://127.0.0.1:{port}";
        var peerUrl = $"http://127.0.0.1:{port + 10}";
        var peerDirectory = Path.Combine(checkout.HubDirectory, "peer");

        var up = await checkout.RunAsync(["up", "--peer"], Environment, timeoutSeconds: 300);

        Assert.True(up.ExitCode == 0, up.ToString());
        Assert.Contains($"500000 (this hub)  {hubUrl}   credentials: {checkout.HubDirectory}/credentials.json", up.Output, StringComparison.Ordinal);
        Assert.Contains($"510000 (its peer)  {peerUrl}   credentials: {peerDirectory}/credentials.json", up.Output, StringComparison.Ordinal);
        var overviewA = await PeersAsync(hubUrl, Path.Combine(checkout.HubDirectory, "credentials.json"));
        var overviewB = await PeersAsync(peerUrl, Path.Combine(peerDirectory, "credentials.json"));
        AssertRegistered(overviewA, "500000", "510000", peerUrl);
        AssertRegistered(overviewB, "510000", "500000", hubUrl);

        var status = await checkout.RunAsync(["status"], Environment, timeoutSeconds: 120);

        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains($"peer hub (510000): running", status.Output, StringComparison.Ordinal);
        Assert.Contains($"peer: 510000 at {peerUrl}/ reachable", status.Output, StringComparison.Ordinal);

        var down = await checkout.RunAsync(["down"], Environment, timeoutSeconds: 120);

        Assert.True(down.ExitCode == 0, down.ToString());
        Assert.Contains("stopped the peer hub", down.Output, StringComparison.Ordinal);
        Assert.Contains("stopped the hub", down.Output, StringComparison.Ordinal);
        Assert.False(await AnswersAsync(hubUrl));
        Assert.False(await AnswersAsync(peerUrl));
        Assert.False(File.Exists(Path.Combine(checkout.HubDirectory, "hub.pid")));
        Assert.False(File.Exists(Path.Combine(peerDirectory, "hub.pid")));
    }

    public void Dispose()
    {
        // Whatever the test reached: no hub, peer or cluster is left running.
        checkout.RunAsync(["down"], Environment, timeoutSeconds: 120).GetAwaiter().GetResult();
        checkout.Dispose();
    }

    private static void AssertRegistered(JsonNode overview, string region, string peer, string peerUrl)
    {
        Assert.Equal(region, (string?)overview["region"]);
        var registered = Assert.Single(overview["peers"]!.AsArray())!;
        Assert.Equal(peer, (string?)registered["region"]);
        Assert.Equal(peerUrl + "/", (string?)registered["baseUrl"]);
        Assert.True((bool)registered["reachable"]!, overview.ToJsonString());
    }

    private static async Task<JsonNode> PeersAsync(string url, string credentials)
    {
        var admin = (string)JsonNode.Parse(await File.ReadAllTextAsync(credentials))!["admin"]!;
        using var client = new HttpClient { BaseAddress = new Uri(url) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        return JsonNode.Parse(await client.GetStringAsync(new Uri("/api/peers", UriKind.Relative)))!;
    }

    private static async Task<bool> AnswersAsync(string url)
    {
        using var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await client.GetAsync(new Uri("/api/health", UriKind.Relative));
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>A free port whose neighbour ten above (the peer's) is free too.</summary>
    private static int FreePairPort()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var candidate = HandlerProcess.FreePort();
            if (candidate + 10 < 65536 && IsFree(candidate + 10))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("no free pair of ports");
    }

    private static bool IsFree(int candidate)
    {
        try
        {
            using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, candidate);
            listener.Start();
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }
}
