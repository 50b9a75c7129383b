using Microsoft.Extensions.Options;

namespace IntegrationHub.Labor;

/// <summary>Today and this month in the hub's civil calendar, from the injected clock only.</summary>
public sealed class LaborCalendar(TimeProvider time, IOptions<LaborOptions> options)
{
    public DateTimeOffset Now => time.GetUtcNow();

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().ToOffset(options.Value.UtcOffset).DateTime);

    /// <summary>The instant a civil date begins.</summary>
    public DateTimeOffset StartOf(DateOnly date) =>
        new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), options.Value.UtcOffset).ToUniversalTime();
}
