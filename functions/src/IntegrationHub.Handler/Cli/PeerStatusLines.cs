namespace IntegrationHub.Handler.Cli;

/// <summary>The lines <c>./hub status</c> prints for a hub's peers, from its <c>GET /api/peers</c> answer.</summary>
internal static class PeerStatusLines
{
    public static IEnumerable<string> Of(JsonNode overview)
    {
        var peers = overview["peers"]?.AsArray() ?? [];
        if ((string?)overview["region"] is not { } region)
        {
            yield return "peers: none (this hub has no federation configured)";
            yield break;
        }

        if (peers.Count == 0)
        {
            yield return $"peers: none registered (this hub is {region})";
        }

        foreach (var peer in peers.OfType<JsonObject>())
        {
            var reachable = (bool?)peer["reachable"] == true ? "reachable" : $"UNREACHABLE ({(string?)peer["problem"]})";
            var circuit = (string?)peer["circuit"] ?? "not called since the hub started";
            var transfers = peer["transfers"]!;
            yield return $"peer: {(string?)peer["region"]} at {(string?)peer["baseUrl"]} {reachable}, circuit {circuit}";
            yield return $"peer: {(string?)peer["region"]} last message sent {Time(peer["lastSent"])}, received {Time(peer["lastReceived"])}";
            yield return string.Create(CultureInfo.InvariantCulture,
                $"peer: {(string?)peer["region"]} transfers {(int)transfers["underWay"]!} under way, {(int)transfers["awaitingDecision"]!} awaiting a decision here, {(int)transfers["queued"]!} with a step to send ({(int)transfers["retrying"]!} retrying)");
        }
    }

    private static string Time(JsonNode? at) => at is null ? "never" : DateTimeOffset.Parse((string)at!, CultureInfo.InvariantCulture)
        .ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
