namespace IntegrationHub.Intake.Rules;

/// <summary>Mainland mobile numbers: 11 digits, <c>1[3-9]</c> then nine more.</summary>
internal static class PhoneRules
{
    public const int Length = 11;

    public static string? Normalize(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var kept = new StringBuilder(raw.Length);
        foreach (var original in raw)
        {
            var c = FullWidth.ToHalfWidth(original);
            if (char.IsAsciiDigit(c) || c == '+')
            {
                kept.Append(c);
            }
            else if (!IsSeparator(c))
            {
                return null;
            }
        }

        var digits = StripCountryPrefix(kept.ToString());
        return digits is { Length: Length } && digits[0] == '1' && digits[1] is >= '3' and <= '9' && digits.All(char.IsAsciiDigit)
            ? digits
            : null;
    }

    private static string StripCountryPrefix(string text)
    {
        if (text.StartsWith("+86", StringComparison.Ordinal))
        {
            return text[3..];
        }

        if (text.StartsWith("0086", StringComparison.Ordinal))
        {
            return text[4..];
        }

        // Without a plus, a leading "86" can only be the country code: no mobile number starts with 8.
        return text.StartsWith("86", StringComparison.Ordinal) ? text[2..] : text;
    }

    private static bool IsSeparator(char c) =>
        char.IsWhiteSpace(c) || c is '-' or '.' or '(' or ')' or (>= '\u2010' and <= '\u2015') or '\u2212';
}
