namespace IntegrationHub.Intake.Rules;

/// <summary>How intake normalizes and bounds a person's name; public so that a search by name (identity's lookup) reads a name as
/// intake stored it.</summary>
public static class NameRules
{
    public const int MaxLength = 50;
    public const char MiddleDot = '\u00B7';

    /// <summary>
    /// Full-width Latin, digits, punctuation and spaces to half-width, every middle-dot variant to U+00B7, invisible characters
    /// removed, surrounding spaces trimmed, spaces between two Chinese characters (or a Chinese character and the middle dot)
    /// removed, other runs of spaces collapsed to one.
    /// </summary>
    /// <remarks>
    /// Invisible characters (<see cref="IsInvisible"/>) are removed because two names that look the same must compare the
    /// same, and a name made only of them is empty: format characters (zero-width space and joiners, LRM/RLM and every
    /// other bidirectional control, the BOM and word joiner, soft hyphen, tag characters), variation selectors, the Hangul
    /// fillers and U+115F/U+1160, the braille blank, and combining marks that have no visible character to sit on (at the
    /// start, after a space, or after a removed character).
    /// </remarks>
    public static string Normalize(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);

        // Not string.Normalize(FormKC): the hub runs with InvariantGlobalization, where that call leaves non-ASCII text as it is.
        // The full-width block is the part of NFKC that matters for names keyed with Chinese input methods.
        var text = FullWidth.ToHalfWidth(raw);
        var result = new StringBuilder(text.Length);
        var pendingSpace = false;
        Rune? previous = null;
        var hasBase = false;
        foreach (var original in text.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(original))
            {
                pendingSpace = previous is not null;
                hasBase = false;
                continue;
            }

            if (IsInvisible(original) || (IsCombiningMark(original) && !hasBase))
            {
                hasBase = false;
                continue;
            }

            hasBase = true;

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

    /// <summary>The text without its invisible characters (see <see cref="Normalize"/>), spaces kept as they are.</summary>
    public static string StripInvisible(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var result = new StringBuilder(raw.Length);
        var hasBase = false;
        foreach (var rune in raw.EnumerateRunes())
        {
            if (IsInvisible(rune) || (IsCombiningMark(rune) && !hasBase))
            {
                hasBase = false;
                continue;
            }

            hasBase = !Rune.IsWhiteSpace(rune);
            result.Append(rune.ToString());
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

    /// <summary>Characters that show nothing by themselves; see <see cref="Normalize"/>.</summary>
    public static bool IsInvisible(Rune rune) =>
        Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format
        || rune.Value is (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0100 and <= 0xE01EF) // variation selectors
        || rune.Value is 0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x2800 or 0x180E or 0x034F;

    private static bool IsCombiningMark(Rune rune) => Rune.GetUnicodeCategory(rune) is
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

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
