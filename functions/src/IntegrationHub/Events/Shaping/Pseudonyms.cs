namespace IntegrationHub.Events.Shaping;

/// <summary>
/// Per-subscriber pseudonyms: HMAC-SHA256 over the identity number (or, for a person without one, the person id) with a
/// key derived for that subscriber from the hub's pseudonym key. Stable for one subscriber; two subscribers' pseudonyms
/// of one person cannot be linked without the hub's key.
/// </summary>
public sealed class Pseudonyms
{
    private readonly byte[] hubKey;

    public Pseudonyms(IOptions<EventsOptions> events, IOptions<ProtectionOptions> protection)
    {
        if (events.Value.PseudonymKey is { Length: > 0 } configured)
        {
            hubKey = Convert.FromBase64String(configured);
            if (hubKey.Length < 32)
            {
                throw new InvalidOperationException("Events:PseudonymKey must be at least 32 bytes (base64).");
            }
        }
        else
        {
            var indexKey = protection.Value.BlindIndexKey is { Length: > 0 } k ? Convert.FromBase64String(k) : [];
            hubKey = indexKey.Length == 0 ? [] : HKDF.DeriveKey(HashAlgorithmName.SHA256, indexKey, 32, info: "hub events pseudonym"u8.ToArray());
        }
    }

    public byte[] KeyFor(string subscriber)
    {
        if (hubKey.Length == 0)
        {
            throw new InvalidOperationException("Neither Events:PseudonymKey nor Protection:BlindIndexKey is configured.");
        }

        return HMACSHA256.HashData(hubKey, Encoding.UTF8.GetBytes("subscriber\u001f" + subscriber));
    }

    public static string Compute(byte[] subscriberKey, string value) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(subscriberKey, Encoding.UTF8.GetBytes(value)));
}
