namespace IntegrationHub.Labor;

/// <summary>The earliest day after today on which a person's facts change by the calendar alone.</summary>
internal sealed class NextChange(DateOnly today)
{
    public DateOnly Today { get; } = today;

    public DateOnly? Day { get; private set; }

    public void At(DateOnly? day)
    {
        if (day is { } d && d > Today && (Day is null || d < Day))
        {
            Day = d;
        }
    }

    public void AtMonth(Month month) => At(month.FirstDay);
}
