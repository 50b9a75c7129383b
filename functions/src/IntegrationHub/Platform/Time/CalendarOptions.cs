namespace IntegrationHub.Platform.Time;

/// <summary>The hub's civil calendar (section <c>Calendar</c>): the one time zone every module's dates are in.</summary>
public sealed class CalendarOptions
{
    public const string Section = "Calendar";

    /// <summary>The offset of the hub's civil calendar from UTC: dates and months are those of China Standard Time.</summary>
    /// <remarks>An offset and not a zone name: China has kept one offset all year since 1991, and an offset needs no
    /// time-zone database on the host.</remarks>
    public TimeSpan UtcOffset { get; set; } = TimeSpan.FromHours(8);
}
