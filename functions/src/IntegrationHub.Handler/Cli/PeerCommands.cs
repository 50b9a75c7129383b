using System.Security.Cryptography;
using IntegrationHub.Flows.Federation.Messaging;

namespace IntegrationHub.Handler.Cli;

/// <summary><c>./hub peer keygen [KID]</c> and <c>./hub peer verify-log</c>: a hub's signing key, and the offline check
/// of its message log.</summary>
internal static class PeerCommands
{
    /// <summary>Prints a new P-256 key pair as environment settings: the private half for this hub's secret store
    /// (Key Vault, or <c>.hub/peer.env</c>), the public half to give each peer.</summary>
    public static int KeyGen(string? keyId)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        keyId ??= "k" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
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
}
