namespace IntegrationHub.Intake.Validation;

/// <summary>Compiles a JSON Schema <c>pattern</c> (ECMA-262) into a .NET regex that gives the same verdict.</summary>
/// <remarks>
/// The dialects differ where it matters for validation: .NET's <c>$</c> also matches before a final line feed, so
/// <c>^[0-9]{6}$</c> accepted "500103\n"; and .NET's <c>\d</c> and <c>\w</c> match any Unicode digit or letter, so
/// <c>\d</c> accepted full-width digits. Outside a character class <c>$</c> becomes <c>\z</c> (the very end); <c>\d</c>
/// and <c>\w</c> become their ASCII classes, inside a class or out. The schemas use no multiline flag, so no <c>$</c> means
/// "end of line".
/// </remarks>
internal static class EcmaPattern
{
    public static Regex Compile(string pattern) =>
        new(Translate(pattern), RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromSeconds(1));

    public static string Translate(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var result = new StringBuilder(pattern.Length + 8);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var next = pattern[++i];
                result.Append(next switch
                {
                    'd' => inClass ? "0-9" : "[0-9]",
                    'w' => inClass ? "A-Za-z0-9_" : "[A-Za-z0-9_]",
                    'D' when !inClass => "[^0-9]",
                    'W' when !inClass => "[^A-Za-z0-9_]",
                    _ => string.Concat("\\", next.ToString()),
                });
                continue;
            }

            if (inClass)
            {
                inClass = c != ']';
                result.Append(c);
            }
            else if (c == '[')
            {
                inClass = true;
                result.Append(c);
                // A ']' right after '[' or '[^' is a literal in both dialects, not the end of the class.
                if (i + 1 < pattern.Length && pattern[i + 1] == '^')
                {
                    result.Append(pattern[++i]);
                }

                if (i + 1 < pattern.Length && pattern[i + 1] == ']')
                {
                    result.Append(pattern[++i]);
                }
            }
            else
            {
                result.Append(c == '$' ? @"\z" : c.ToString());
            }
        }

        return result.ToString();
    }
}
