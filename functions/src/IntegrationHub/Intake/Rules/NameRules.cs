using System.Text;

namespace IntegrationHub.Intake.Rules;

public static class NameRules
{
    public const int MaxLength = 50;
    public const char MiddleDot = '\u00B7';

    /// <summary>
    /// Full-width Latin, digits, punctuation and spaces to half-width, every middle-dot variant to U+00B7, surrounding spaces
    /// trimmed, spaces between two Chinese characters (or a Chinese character and the middle dot) removed, other runs of spaces
    /// collapsed to one.
    /// </summary>
    public static string Normalize(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);

        // Not string.Normalize(FormKC): the hub runs with InvariantGlobalization, where that call leaves non-ASCII text as it is.
        // The full-width block is the part of NFKC that matters for names keyed with Chinese input methods.
        var text = FullWidth.ToHalfWidth(raw);
        var result = new StringBuilder(text.Length);
        var pendingSpace = false;
        Rune? previous = null;
        foreach (var original in text.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(original))
            {
                pendingSpace = previous is not null;
                continue;
            }

            var rune = IsMiddleDotVariant(original) ? new Rune(MiddleDot) : original;
            if (pendingSpace && !JoinsWithoutSpace(previous!.Value, rune))
            {
                result.Append(' ');
            }

            result.Append(rune.ToString());
            pendingSpace = false;
            previous = rune;
        }

        return result.ToString();
    }

    /// <summary>A normalized name must have 1 to 50 characters (Unicode scalar values, so a rare CJK character counts once).</summary>
    public static bool HasValidLength(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        var count = normalized.EnumerateRunes().Count();
        return count is >= 1 and <= MaxLength;
    }

    private static bool IsMiddleDotVariant(Rune rune) => rune.Value is
        0x00B7 or 0x2022 or 0x002E or 0x30FB or 0xFF0E or 0x2027 or 0xFF65;

    private static bool JoinsWithoutSpace(Rune left, Rune right) =>
        (IsCjk(left) && IsCjk(right)) || (IsCjk(left) && right.Value == MiddleDot) || (left.Value == MiddleDot && IsCjk(right));

    private static bool IsCjk(Rune rune) => rune.Value is
        (>= 0x4E00 and <= 0x9FFF)
        or (>= 0x3400 and <= 0x4DBF)
        or (>= 0xF900 and <= 0xFAFF)
        or (>= 0x20000 and <= 0x3FFFF)
        or 0x3007;
}
