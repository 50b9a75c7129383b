using IntegrationHub.Intake.Rules;

namespace IntegrationHub.Tests.Intake.Rules;

public sealed class DateRulesTests
{
    [Theory]
    [InlineData("2026-11-21", 2026, 11, 21)]
    [InlineData("2024-02-29", 2024, 2, 29)]
    [InlineData("2000-02-29", 2000, 2, 29)]
    [InlineData("0001-01-01", 1, 1, 1)]
    public void TryParseDate_RealDate_Parses(string text, int year, int month, int day)
    {
        Assert.True(DateRules.TryParseDate(text, out var date));
        Assert.Equal(new DateOnly(year, month, day), date);
    }

    [Theory]
    [InlineData("2023-02-29")]
    [InlineData("1900-02-29")]
    [InlineData("2026-04-31")]
    [InlineData("2026-13-01")]
    [InlineData("2026-00-10")]
    [InlineData("2026-11-00")]
    [InlineData("0000-01-01")]
    [InlineData("2026-1-21")]
    [InlineData("2026/11/21")]
    [InlineData("20261121")]
    [InlineData(" 2026-11-21")]
    [InlineData("2026-11-21 ")]
    [InlineData("2026-11-21T00:00:00Z")]
    [InlineData("２０２６-11-21")]
    [InlineData("")]
    public void TryParseDate_NotExactlyARealDate_Fails(string text) =>
        Assert.False(DateRules.TryParseDate(text, out _));

    [Theory]
    [InlineData("2026-06", 2026, 6)]
    [InlineData("2026-01", 2026, 1)]
    [InlineData("1999-12", 1999, 12)]
    public void TryParsePeriod_YearAndMonth_GivesTheFirstOfTheMonth(string text, int year, int month)
    {
        Assert.True(DateRules.TryParsePeriod(text, out var first));
        Assert.Equal(new DateOnly(year, month, 1), first);
    }

    [Theory]
    [InlineData("2026-00")]
    [InlineData("2026-13")]
    [InlineData("2026-6")]
    [InlineData("2026-06-01")]
    [InlineData("202606")]
    [InlineData("2026/06")]
    [InlineData("0000-06")]
    [InlineData("")]
    public void TryParsePeriod_NotExactlyYearAndMonth_Fails(string text) =>
        Assert.False(DateRules.TryParsePeriod(text, out _));

    [Theory]
    [InlineData("2026-06-30T18:00:00+08:00", "2026-06-30T10:00:00Z")]
    [InlineData("2026-06-30T10:00:00Z", "2026-06-30T10:00:00Z")]
    [InlineData("2026-06-30t10:00:00z", "2026-06-30T10:00:00Z")]
    [InlineData("2026-06-30T04:30:00-05:30", "2026-06-30T10:00:00Z")]
    [InlineData("2026-06-30T10:00:00-00:00", "2026-06-30T10:00:00Z")]
    [InlineData("2026-07-01T00:00:00+14:00", "2026-06-30T10:00:00Z")]
    public void TryParseInstant_Rfc3339WithOffset_GivesTheInstant(string text, string utc)
    {
        Assert.True(DateRules.TryParseInstant(text, out var instant));
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), instant);
    }

    [Fact]
    public void TryParseInstant_Offset_IsKept()
    {
        Assert.True(DateRules.TryParseInstant("2026-06-30T18:00:00+08:00", out var instant));
        Assert.Equal(TimeSpan.FromHours(8), instant.Offset);
        Assert.Equal(new DateTime(2026, 6, 30, 18, 0, 0, DateTimeKind.Unspecified), instant.DateTime);
    }

    [Theory]
    [InlineData("2026-06-30T18:00:00.5+08:00", 5_000_000)]
    [InlineData("2026-06-30T18:00:00.123+08:00", 1_230_000)]
    [InlineData("2026-06-30T18:00:00.123456789+08:00", 1_234_567)]
    public void TryParseInstant_FractionalSeconds_AreKeptToTheTick(string text, long ticksIntoTheSecond)
    {
        Assert.True(DateRules.TryParseInstant(text, out var instant));
        Assert.Equal(ticksIntoTheSecond, instant.Ticks % TimeSpan.TicksPerSecond);
    }

    [Theory]
    [InlineData("2026-06-30T18:00:00")]
    [InlineData("2026-06-30 18:00:00+08:00")]
    [InlineData("2026-06-30T18:00+08:00")]
    [InlineData("2026-06-30T24:00:00Z")]
    [InlineData("2026-06-30T18:60:00Z")]
    [InlineData("2026-06-30T23:59:60Z")]
    [InlineData("2026-06-31T18:00:00Z")]
    [InlineData("2026-06-30T18:00:00+0800")]
    [InlineData("2026-06-30T18:00:00+08")]
    [InlineData("2026-06-30T18:00:00+15:00")]
    [InlineData("2026-06-30T18:00:00+08:60")]
    [InlineData("2026-06-30T18:00:00.+08:00")]
    [InlineData("2026-06-30T18:00:00Z ")]
    [InlineData("2026-06-30T18:00:00ZZ")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData("2026-06-30")]
    [InlineData("")]
    public void TryParseInstant_NotRfc3339WithOffset_Fails(string text) =>
        Assert.False(DateRules.TryParseInstant(text, out _));
}
