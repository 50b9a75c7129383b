namespace IntegrationHub.Flows.Policy.Facts;

/// <summary>Whole months and years between days, as the facts count them, and the next day such a count changes.</summary>
internal static class Calendar
{
    /// <summary>Whole months from <paramref name="from"/> to <paramref name="day"/>: 24 on the day two years later.</summary>
    public static int WholeMonths(DateOnly from, DateOnly day)
    {
        var months = (day.Year - from.Year) * 12 + day.Month - from.Month;
        return from.AddMonths(months) > day ? months - 1 : months;
    }

    /// <summary>The day the whole-month count from <paramref name="from"/> next grows after <paramref name="day"/>.</summary>
    public static DateOnly NextMonthDay(DateOnly from, DateOnly day) => from.AddMonths(Math.Max(0, WholeMonths(from, day) + 1));

    public static DateOnly FirstOfNextMonth(DateOnly day) => new DateOnly(day.Year, day.Month, 1).AddMonths(1);
}
