namespace IntegrationHub.Platform.Time;

/// <summary>
/// An Azure Functions timer schedule: six-field NCRONTAB (<c>second minute hour day month day-of-week</c>, UTC) or a
/// <c>hh:mm:ss</c> interval. Fields take <c>*</c>, numbers, ranges, lists and <c>/step</c>; day and day-of-week must both match.
/// </summary>
public sealed class CronSchedule
{
    private readonly bool[]? seconds;
    private readonly bool[]? minutes;
    private readonly bool[]? hours;
    private readonly bool[]? days;
    private readonly bool[]? months;
    private readonly bool[]? weekdays;
    private readonly TimeSpan? interval;

    private CronSchedule(TimeSpan interval) => this.interval = interval;

    private CronSchedule(string[] fields)
    {
        seconds = ParseField(fields[0], 0, 59);
        minutes = ParseField(fields[1], 0, 59);
        hours = ParseField(fields[2], 0, 23);
        days = ParseField(fields[3], 1, 31);
        months = ParseField(fields[4], 1, 12);
        weekdays = ParseField(fields[5], 0, 6);
    }

    public static CronSchedule Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        if (TimeSpan.TryParseExact(expression, @"hh\:mm\:ss", CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero)
        {
            return new CronSchedule(span);
        }

        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 6)
        {
            throw new FormatException($"Schedule '{expression}' must have six fields (second minute hour day month day-of-week) or be hh:mm:ss.");
        }

        return new CronSchedule(fields);
    }

    /// <summary>The next occurrence after <paramref name="after"/>, the fields read as the civil time at
    /// <paramref name="utcOffset"/> (a schedule officials write in China time: <c>0 0 2 * * *</c> is 02:00 there).</summary>
    public DateTimeOffset Next(DateTimeOffset after, TimeSpan utcOffset) =>
        Next(new DateTimeOffset(after.UtcDateTime + utcOffset, TimeSpan.Zero)) - utcOffset;

    public DateTimeOffset Next(DateTimeOffset after)
    {
        if (interval is { } every)
        {
            return after + every;
        }

        var t = new DateTimeOffset(after.UtcDateTime.Ticks - (after.UtcDateTime.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero).AddSeconds(1);
        var limit = t.AddYears(5);
        while (t < limit)
        {
            if (!months![t.Month])
            {
                t = new DateTimeOffset(t.Year, t.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);
            }
            else if (!days![t.Day] || !weekdays![(int)t.DayOfWeek])
            {
                t = new DateTimeOffset(t.Year, t.Month, t.Day, 0, 0, 0, TimeSpan.Zero).AddDays(1);
            }
            else if (!hours![t.Hour])
            {
                t = new DateTimeOffset(t.Year, t.Month, t.Day, t.Hour, 0, 0, TimeSpan.Zero).AddHours(1);
            }
            else if (!minutes![t.Minute])
            {
                t = new DateTimeOffset(t.Year, t.Month, t.Day, t.Hour, t.Minute, 0, TimeSpan.Zero).AddMinutes(1);
            }
            else if (!seconds![t.Second])
            {
                t = t.AddSeconds(1);
            }
            else
            {
                return t;
            }
        }

        throw new InvalidOperationException("The schedule never fires.");
    }

    private static bool[] ParseField(string field, int min, int max)
    {
        var allowed = new bool[max + 1];
        foreach (var part in field.Split(','))
        {
            var step = 1;
            var range = part;
            var slash = part.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0)
            {
                step = ParseNumber(part[(slash + 1)..], 1, max == 0 ? 1 : max, field);
                range = part[..slash];
            }

            int from, to;
            if (range == "*")
            {
                (from, to) = (min, max);
            }
            else if (range.IndexOf('-', StringComparison.Ordinal) is var dash and > 0)
            {
                (from, to) = (ParseNumber(range[..dash], min, max, field), ParseNumber(range[(dash + 1)..], min, max, field));
            }
            else
            {
                from = ParseNumber(range, min, max, field);
                to = slash >= 0 ? max : from;
            }

            if (from > to)
            {
                throw new FormatException($"Range '{range}' in '{field}' runs backwards.");
            }

            for (var value = from; value <= to; value += step)
            {
                allowed[value] = true;
            }
        }

        return allowed;
    }

    private static int ParseNumber(string text, int min, int max, string field)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new FormatException($"'{text}' in schedule field '{field}' is not a number from {min} to {max}.");
        }

        return value;
    }
}
