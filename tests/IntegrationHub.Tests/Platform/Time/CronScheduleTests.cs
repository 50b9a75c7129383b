namespace IntegrationHub.Tests.Platform.Time;

public sealed class CronScheduleTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 10, 7, 30, TimeSpan.Zero);

    [Theory]
    [InlineData("0 */5 * * * *", "2026-11-21T10:10:00Z")]
    [InlineData("0 17 3 * * *", "2026-11-22T03:17:00Z")]
    [InlineData("*/15 * * * * *", "2026-11-21T10:07:45Z")]
    [InlineData("0 0 9 * * 1-5", "2026-11-23T09:00:00Z")]
    [InlineData("0 0 0 1 1 *", "2027-01-01T00:00:00Z")]
    [InlineData("0 30 10,22 * * *", "2026-11-21T10:30:00Z")]
    [InlineData("00:05:00", "2026-11-21T10:12:30Z")]
    public void Next_Expression_GivesTheNextOccurrence(string expression, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            CronSchedule.Parse(expression).Next(Start));
    }

    [Fact]
    public void Next_InChinaTime_FiresAtTwoInTheMorningThere()
    {
        var next = CronSchedule.Parse("0 0 2 * * *").Next(Start, TimeSpan.FromHours(8));

        Assert.Equal(new DateTimeOffset(2026, 11, 21, 18, 0, 0, TimeSpan.Zero), next);
    }

    [Theory]
    [InlineData("* * * * *")]
    [InlineData("0 61 * * * *")]
    [InlineData("0 5-1 * * * *")]
    [InlineData("x * * * * *")]
    public void Parse_Malformed_Throws(string expression) =>
        Assert.Throws<FormatException>(() => CronSchedule.Parse(expression));
}
