using IntegrationHub.Labor.Graduates;

namespace IntegrationHub.Flows.Graduates.Ledger;

/// <summary>A ledger entry's place (<see cref="GraduateKey"/>) given out opaque, as a page link's cursor: base64url of
/// <c>personId/factKey</c>.</summary>
public static class LedgerCursor
{
    public static string Encode(GraduateKey key) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{key.PersonId}/{key.FactKey}")));

    /// <summary>Decodes a cursor <see cref="Encode"/> made; false for anything else.</summary>
    public static bool TryDecode(string text, out GraduateKey key)
    {
        key = default;
        if (text.Length is 0 or > 96 || !Base64Url.IsValid(text))
        {
            return false;
        }

        var decoded = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text));
        var slash = decoded.IndexOf('/', StringComparison.Ordinal);
        if (slash < 1 || !long.TryParse(decoded.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out var person)
            || person <= 0 || slash == decoded.Length - 1)
        {
            return false;
        }

        key = new GraduateKey(person, decoded[(slash + 1)..]);
        return true;
    }
}
