namespace IntegrationHub.Bench;

/// <summary>Check characters of the national identifiers the generated records carry.</summary>
public static class NationalCodes
{
    /// <summary>The 31 characters of unified social credit codes in value order (no I, O, S, V, Z).</summary>
    public const string CreditCodeAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static readonly int[] IdWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    private static readonly int[] CreditCodeWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    private static readonly int[] OrganizationCodeWeights = [3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>GB 11643-1999 check character (ISO 7064 MOD 11-2) of the first 17 digits of an identity number.</summary>
    public static char IdentityCheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            throw new ArgumentException("exactly 17 digits are needed", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * IdWeights[i];
        }

        var check = (12 - (sum % 11)) % 11;
        return check == 10 ? 'X' : (char)('0' + check);
    }

    /// <summary>GB 32100-2015 check character (mod 31) of the first 17 characters of a unified social credit code.</summary>
    public static char CreditCodeCheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            throw new ArgumentException("exactly 17 characters are needed", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = CreditCodeAlphabet.IndexOf(first17[i], StringComparison.Ordinal);
            if (value < 0)
            {
                throw new ArgumentException($"'{first17[i]}' is not a credit code character", nameof(first17));
            }

            sum += value * CreditCodeWeights[i];
        }

        return CreditCodeAlphabet[(31 - (sum % 31)) % 31];
    }

    /// <summary>
    /// GB 11714 check character of the 8-character organization code body (characters 9-16 of a credit code):
    /// letters count as A=10 … Z=35, weights 3,7,9,10,5,8,4,2, check = 11 - sum mod 11, 10 → X, 11 → 0.
    /// </summary>
    public static char OrganizationCheckCharacter(ReadOnlySpan<char> first8)
    {
        if (first8.Length != 8)
        {
            throw new ArgumentException("exactly 8 characters are needed", nameof(first8));
        }

        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            var c = first8[i];
            sum += (char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10) * OrganizationCodeWeights[i];
        }

        return (11 - (sum % 11)) switch
        {
            10 => 'X',
            11 => '0',
            var check => (char)('0' + check),
        };
    }
}
