namespace IntegrationHub.Platform.Time;

/// <summary>Today and this month in the hub's civil calendar, from the injected clock only.</summary>
public sealed class HubCalendar(TimeProvider time, IOptions<CalendarOptions> options)
{
    public DateTimeOffset Now => time.GetUtcNow();

    public DateOnly Today => DateOf(time.GetUtcNow());

    /// <summary>The civil date an instant falls on.</summary>
    public DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(options.Value.UtcOffset).DateTime);

    /// <summary>The instant a civil date begins.</summary>
    public DateTimeOffset StartOf(DateOnly date) =>
        new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), options.Value.UtcOffset).ToUniversalTime();
}
