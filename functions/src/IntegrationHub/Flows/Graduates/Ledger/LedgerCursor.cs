using IntegrationHub.Labor.Graduates;

namespace IntegrationHub.Flows.Graduates.Ledger;

/// <summary>A ledger entry's place (<see cref="GraduateKey"/>) given out opaque, as a page link's cursor: base64url of
/// <c>personId/factKey</c>.</summary>
/// <remarks>A cursor comes back in an address anyone can write, and its fact key goes to PostgreSQL as text: only the shape
/// <see cref="Encode"/> gives a real entry's place (a person id, a slash, a fact key of a cohort and a level's digits) is taken,
/// so no control character or NUL (which PostgreSQL refuses in text) reaches the read.</remarks>
public static partial class LedgerCursor
{
    public static string Encode(GraduateKey key) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{key.PersonId}/{key.FactKey}")));

    /// <summary>Decodes a cursor <see cref="Encode"/> made; false for anything else.</summary>
    /// <remarks>The cursor must also encode back to itself, so two texts never name one place.</remarks>
    public static bool TryDecode(string text, out GraduateKey key)
    {
        key = default;
        if (text.Length is 0 or > 96 || !Base64Url.IsValid(text))
        {
            return false;
        }

        var shape = Shape().Match(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)));
        if (!shape.Success || !long.TryParse(shape.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var person))
        {
            return false;
        }

        var decoded = new GraduateKey(person, shape.Groups[2].Value);
        if (Encode(decoded) != text)
        {
            return false;
        }

        key = decoded;
        return true;
    }

    /// <summary>A person id (positive, no leading zero) and a fact key (<c>2026-21</c>).</summary>
    [GeneratedRegex("^([1-9][0-9]{0,18})/([0-9]{4}-[0-9]{1,8})\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
