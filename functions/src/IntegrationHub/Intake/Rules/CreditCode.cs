namespace IntegrationHub.Intake.Rules;

/// <summary>Unified social credit codes, GB 32100-2015.</summary>
internal static class CreditCode
{
    public const int Length = 18;

    // The 31 characters in value order: the digits and the capitals without I, O, S, V and Z.
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>Trims, maps full-width characters to ASCII and upper-cases.</summary>
    public static string Normalize(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        return FullWidth.ToHalfWidth(raw.Trim()).ToUpperInvariant();
    }

    public static bool IsWellFormed(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code.Length == Length && code.All(c => Alphabet.Contains(c, StringComparison.Ordinal));
    }

    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            throw new ArgumentException("exactly 17 characters are needed", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < first17.Length; i++)
        {
            var value = Alphabet.IndexOf(first17[i], StringComparison.Ordinal);
            if (value < 0)
            {
                throw new ArgumentException("only 0-9 and A-H, J-N, P-R, T, U, W-Y are allowed", nameof(first17));
            }

            sum += value * Weights[i];
        }

        return Alphabet[(31 - (sum % 31)) % 31];
    }

    public static bool IsValid(string code, IReadOnlySet<string> pilotExceptions)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(pilotExceptions);
        return (IsWellFormed(code) && CheckCharacter(code.AsSpan(0, 17)) == code[17]) || pilotExceptions.Contains(code);
    }
}
