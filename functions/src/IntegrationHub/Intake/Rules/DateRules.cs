namespace IntegrationHub.Intake.Rules;

/// <summary>The feed formats: dates <c>YYYY-MM-DD</c>, periods <c>YYYY-MM</c>, instants RFC 3339 with an offset.</summary>
internal static class DateRules
{
    private static readonly TimeSpan MaxOffset = TimeSpan.FromHours(14);

    public static bool TryParseDate(string text, out DateOnly date)
    {
        date = default;
        if (text is not { Length: 10 } || text[4] != '-' || text[7] != '-'
            || !TryDigits(text, 0, 4, out var year) || !TryDigits(text, 5, 2, out var month) || !TryDigits(text, 8, 2, out var day)
            || !IsRealDate(year, month, day))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    public static bool TryParsePeriod(string text, out DateOnly firstOfMonth)
    {
        firstOfMonth = default;
        if (text is not { Length: 7 } || text[4] != '-'
            || !TryDigits(text, 0, 4, out var year) || !TryDigits(text, 5, 2, out var month) || year < 1 || month is < 1 or > 12)
        {
            return false;
        }

        firstOfMonth = new DateOnly(year, month, 1);
        return true;
    }

    public static bool TryParseInstant(string text, out DateTimeOffset instant)
    {
        instant = default;
        if (text is null || text.Length < 20 || text[10] is not ('T' or 't') || text[13] != ':' || text[16] != ':'
            || !TryParseDate(text[..10], out var date)
            || !TryDigits(text, 11, 2, out var hour) || !TryDigits(text, 14, 2, out var minute) || !TryDigits(text, 17, 2, out var second)
            || hour > 23 || minute > 59 || second > 59)
        {
            // A leap second (:60) is valid RFC 3339 but DateTimeOffset cannot hold it.
            return false;
        }

        var position = 19;
        long fractionTicks = 0;
        if (text[position] == '.')
        {
            var start = ++position;
            while (position < text.Length && char.IsAsciiDigit(text[position]))
            {
                position++;
            }

            if (position == start)
            {
                return false;
            }

            // Ticks are 100 ns: seven fractional digits; finer digits are dropped.
            var digits = text.AsSpan(start, Math.Min(position - start, 7));
            for (var i = 0; i < 7; i++)
            {
                fractionTicks = (fractionTicks * 10) + (i < digits.Length ? digits[i] - '0' : 0);
            }
        }

        if (!TryParseOffset(text.AsSpan(position), out var offset))
        {
            return false;
        }

        var local = date.ToDateTime(new TimeOnly(hour, minute, second)).Ticks + fractionTicks;
        var utc = local - offset.Ticks;
        if (utc < DateTime.MinValue.Ticks || utc > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        instant = new DateTimeOffset(local, offset);
        return true;
    }

    private static bool TryParseOffset(ReadOnlySpan<char> text, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (text is ['Z'] or ['z'])
        {
            return true;
        }

        if (text.Length != 6 || text[0] is not ('+' or '-') || text[3] != ':'
            || !TryDigits(text, 1, 2, out var hours) || !TryDigits(text, 4, 2, out var minutes) || hours > 23 || minutes > 59)
        {
            return false;
        }

        offset = new TimeSpan(hours, minutes, 0);
        if (offset > MaxOffset)
        {
            return false;
        }

        offset = text[0] == '-' ? -offset : offset;
        return true;
    }

    private static bool IsRealDate(int year, int month, int day) =>
        year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);

    private static bool TryDigits(ReadOnlySpan<char> text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }

            value = (value * 10) + (text[i] - '0');
        }

        return true;
    }
}
