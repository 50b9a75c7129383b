using IntegrationHub.Flows.Federation.Messaging;

namespace IntegrationHub.Handler.Cli;

/// <summary><c>./hub peer keygen [KID]</c>, <c>./hub peer verify-log</c> and the peers of <c>./hub status</c>: a hub's
/// signing key, the offline check of its message log, and its peers as the running hub sees them.</summary>
internal static class PeerCommands
{
    /// <summary>Prints a new P-256 key pair as environment settings: the private half for this hub's secret store
    /// (Key Vault, or <c>.hub/peer.env</c>), the public half to give each peer.</summary>
    public static int KeyGen(string? keyId, TimeProvider time)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        keyId ??= "k" + time.GetUtcNow().ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        Console.WriteLine($"HUB_FEDERATION__SIGNINGKEYID={keyId}");
        Console.WriteLine($"HUB_FEDERATION__SIGNINGKEY={Convert.ToBase64String(key.ExportPkcs8PrivateKey())}");
        Console.WriteLine($"# public key (SubjectPublicKeyInfo, base64), for the peers' registries: {Convert.ToBase64String(key.ExportSubjectPublicKeyInfo())}");
        return 0;
    }

    public static async Task<int> VerifyLogAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var (verified, failures) = await services.GetRequiredService<LogVerifier>().VerifyAsync(cancellationToken);
        foreach (var failure in failures)
        {
            Console.WriteLine("FAILED " + failure);
        }

        Console.WriteLine($"peer message log: {verified} verified, {failures.Count} failed");
        return failures.Count == 0 ? 0 : 1;
    }

    /// <summary><c>peer status --url URL --credentials FILE</c>: asks the running hub (<c>GET /api/peers</c>, with the admin
    /// token of the credentials file) and prints one line per peer. 1 when the hub does not answer.</summary>
    public static async Task<int> StatusAsync(string[] options, TextWriter output, CancellationToken cancellationToken)
    {
        string? url = null, credentialsFile = null;
        for (var i = 0; i + 1 < options.Length; i += 2)
        {
            switch (options[i])
            {
                case "--url": url = options[i + 1]; break;
                case "--credentials": credentialsFile = options[i + 1]; break;
            }
        }

        if (url is null || credentialsFile is null)
        {
            await output.WriteLineAsync("usage: peer status --url URL --credentials FILE");
            return 2;
        }

        try
        {
            using var http = await AdminCall.ClientAsync(new Uri(url), credentialsFile, TimeSpan.FromSeconds(15), cancellationToken);
            var overview = JsonNode.Parse(await http.GetStringAsync(new Uri("/api/peers", UriKind.Relative), cancellationToken))!;
            foreach (var line in PeerStatusLines.Of(overview))
            {
                await output.WriteLineAsync(line);
            }

            return 0;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or JsonException or KeyNotFoundException or TaskCanceledException)
        {
            await output.WriteLineAsync($"peers: unknown (the hub at {url} did not tell: {e.Message})");
            return 1;
        }
    }
}
