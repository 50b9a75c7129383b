namespace IntegrationHub.Intake.Rules;

/// <summary>Resident identity numbers, GB 11643-1999.</summary>
public static class IdentityNumber
{
    public const int Length = 18;
    public const int LegacyLength = 15;

    // ISO 7064 MOD 11-2: the weight of position i (0-based, of 17) is 2^(17-i) mod 11.
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    private static readonly RuleFinding FormatFinding = new(FindingCodes.IdFormat,
        "identity number must be 18 characters (or a 15-digit legacy number): digits, the last one a digit or X");

    private static readonly RuleFinding CheckCharacterFinding = new(FindingCodes.InvalidId,
        "identity number check character does not match its first 17 digits");

    private static readonly RuleFinding ImpossibleBirthDateFinding = new(FindingCodes.InvalidId,
        "identity number birth date is not a real calendar date");

    private static readonly RuleFinding FutureBirthDateFinding = new(FindingCodes.InvalidId,
        "identity number birth date is after today");

    private static readonly RuleFinding RegionFinding = new(FindingCodes.InvalidId,
        "identity number region prefix is not a GB/T 2260 code that was ever in use");

    /// <summary>Trims, maps full-width digits and X and a lower-case x, and upgrades a 15-digit number to 18 digits.</summary>
    public static string Normalize(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var text = FullWidth.ToHalfWidth(raw.Trim()).Replace('x', 'X');
        return text.Length == LegacyLength && text.All(char.IsAsciiDigit) ? UpgradeFrom15(text) : text;
    }

    public static IdentityNumberCheck Check(string raw, AreaCodes areas, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(areas);
        var value = Normalize(raw);
        if (!IsWellFormed(value))
        {
            return new IdentityNumberCheck(value, false, false, null, null, null, [FormatFinding]);
        }

        var findings = new List<RuleFinding>(3);
        if (CheckCharacter(value.AsSpan(0, 17)) != value[17])
        {
            findings.Add(CheckCharacterFinding);
        }

        var birthDate = EmbeddedBirthDate(value);
        if (birthDate is null)
        {
            findings.Add(ImpossibleBirthDateFinding);
        }
        else if (birthDate > today)
        {
            findings.Add(FutureBirthDateFinding);
        }

        string? currentRegion = null;
        if (areas.IsAvailable)
        {
            var prefix = value[..6];
            if (areas.EverInUse(prefix))
            {
                currentRegion = areas.CurrentEquivalent(prefix);
            }
            else
            {
                findings.Add(RegionFinding);
            }
        }

        var sex = (value[16] - '0') % 2 == 1 ? Sex.Male : Sex.Female;
        return new IdentityNumberCheck(value, true, findings.Count == 0, birthDate, sex, currentRegion, findings);
    }

    /// <summary>Whether the text holds something that reads as an identity number, valid or mistyped.</summary>
    /// <remarks>
    /// A run of 17 digits and a digit or X, or of 15 digits, not part of a longer run of digits, whose embedded birth date
    /// is a real date (1900 on for 18 characters). The check character is not required: a mistyped number is still
    /// someone's. Timestamps and serial numbers rarely carry a real date in the right place, so they pass.
    /// </remarks>
    public static bool AppearsIn(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var half = FullWidth.ToHalfWidth(text).Replace('x', 'X');
        var i = 0;
        while (i < half.Length)
        {
            if (!char.IsAsciiDigit(half[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < half.Length && char.IsAsciiDigit(half[i]))
            {
                i++;
            }

            var digits = i - start;
            if (digits == 17 && i < half.Length && half[i] == 'X')
            {
                digits = 18;
                i++;
            }

            var run = half.Substring(start, digits);
            if ((digits == Length && EmbeddedBirthDate(run) is { Year: >= 1900 })
                || (digits == LegacyLength && EmbeddedBirthDate(string.Concat(run.AsSpan(0, 6), "19", run.AsSpan(6), "0")) is not null))
            {
                return true;
            }
        }

        return false;
    }

    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            throw new ArgumentException("exactly 17 digits are needed", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < first17.Length; i++)
        {
            if (!char.IsAsciiDigit(first17[i]))
            {
                throw new ArgumentException("only the digits 0-9 are allowed", nameof(first17));
            }

            sum += (first17[i] - '0') * Weights[i];
        }

        var check = (12 - (sum % 11)) % 11;
        return check == 10 ? 'X' : (char)('0' + check);
    }

    public static string UpgradeFrom15(string fifteen)
    {
        ArgumentNullException.ThrowIfNull(fifteen);
        if (fifteen.Length != LegacyLength || !fifteen.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("a legacy identity number is exactly 15 digits", nameof(fifteen));
        }

        var first17 = string.Concat(fifteen.AsSpan(0, 6), "19", fifteen.AsSpan(6));
        return first17 + CheckCharacter(first17);
    }

    public static string DowngradeTo15(string eighteen)
    {
        ArgumentNullException.ThrowIfNull(eighteen);
        if (!IsWellFormed(eighteen) || eighteen[6] != '1' || eighteen[7] != '9')
        {
            throw new ArgumentException("only a well-formed 18-character number of someone born in 19xx has a 15-digit form",
                nameof(eighteen));
        }

        return string.Concat(eighteen.AsSpan(0, 6), eighteen.AsSpan(8, 9));
    }

    public static bool IsWellFormed(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        if (normalized.Length != Length)
        {
            return false;
        }

        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(normalized[i]))
            {
                return false;
            }
        }

        return char.IsAsciiDigit(normalized[17]) || normalized[17] == 'X';
    }

    private static DateOnly? EmbeddedBirthDate(string value)
    {
        var year = Digits(value, 6, 4);
        var month = Digits(value, 10, 2);
        var day = Digits(value, 12, 2);
        return year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day)
            : null;
    }

    private static int Digits(string text, int start, int count)
    {
        var result = 0;
        for (var i = start; i < start + count; i++)
        {
            result = (result * 10) + (text[i] - '0');
        }

        return result;
    }
}
