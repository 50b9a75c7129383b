namespace IntegrationHub.Platform.Credentials;

/// <summary>Bearer tokens are 256 random bits; only their SHA-256 is stored, which suffices for secrets of that entropy.</summary>
public static class BearerToken
{
    public const string Prefix = "hub_";

    public static string Create() => Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
