namespace IntegrationHub.Flows.Exchange.Delivery;

/// <summary>Each department's delivery schedule (<c>DepartmentExchange:Deliveries:{department}</c>, cron in China time),
/// parsed once; a malformed one, or one for a department that does not exist, throws <see cref="ExchangeConfigurationException"/>.</summary>
public sealed class DeliverySchedules
{
    private readonly Dictionary<string, CronSchedule> schedules = new(StringComparer.Ordinal);
    private readonly TimeSpan offset;

    public DeliverySchedules(IOptions<ExchangeFlowOptions> options, IOptions<CalendarOptions> calendar)
    {
        offset = calendar.Value.UtcOffset;
        foreach (var (department, expression) in options.Value.Deliveries)
        {
            var key = $"{ExchangeFlowOptions.Section}:Deliveries:{department}";
            if (!Departments.All.Contains(department))
            {
                throw new ExchangeConfigurationException(key, $"'{department}' is not a department ({Departments.Listed})");
            }

            schedules[department] = Parse(key, expression);
        }

        foreach (var department in Departments.All.Where(d => !schedules.ContainsKey(d)))
        {
            schedules[department] = CronSchedule.Parse(ExchangeFlowOptions.DefaultDelivery);
        }
    }

    /// <summary>The latest time the department's schedule fired at or before <paramref name="now"/>, looking back at most
    /// <paramref name="lookBack"/>; null when it did not fire in that time.</summary>
    public DateTimeOffset? LatestSlot(string department, DateTimeOffset now, TimeSpan lookBack)
    {
        var schedule = schedules[department];
        DateTimeOffset? latest = null;
        for (var t = schedule.Next(now - lookBack, offset); t <= now; t = schedule.Next(t, offset))
        {
            latest = t;
        }

        return latest;
    }

    internal static CronSchedule Parse(string key, string? expression)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            throw new ExchangeConfigurationException(key, "the schedule is empty");
        }

        try
        {
            return CronSchedule.Parse(expression);
        }
        catch (FormatException exception)
        {
            throw new ExchangeConfigurationException(key, exception.Message);
        }
    }
}
