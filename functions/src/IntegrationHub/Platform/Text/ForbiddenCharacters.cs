namespace IntegrationHub.Platform.Text;

/// <summary>The characters no text the hub takes may hold: control characters and lone surrogates.</summary>
/// <remarks>
/// Control characters are C0 except tab, line feed and carriage return, DEL and C1: PostgreSQL cannot store U+0000, and
/// none of them is ever part of a name, a code or an address. One rule for feed records and API bodies alike.
/// </remarks>
public static class ForbiddenCharacters
{
    /// <summary>The first forbidden code unit of <paramref name="text"/>, or null; a lone surrogate is returned as itself.</summary>
    public static char? First(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c) || (char.IsControl(c) && c is not ('\t' or '\n' or '\r')))
            {
                return c;
            }
        }

        return null;
    }
}
