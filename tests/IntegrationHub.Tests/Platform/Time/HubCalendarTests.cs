namespace IntegrationHub.Tests.Platform.Time;

public sealed class HubCalendarTests
{
    [Fact]
    public void Today_LateEveningUtc_IsTomorrowInChina()
    {
        var calendar = new HubCalendar(new ManualTimeProvider(new DateTimeOffset(2026, 6, 30, 16, 30, 0, TimeSpan.Zero)),
            Options.Create(new CalendarOptions()));

        Assert.Equal(new DateOnly(2026, 7, 1), calendar.Today);
    }

    [Fact]
    public void StartOf_ADate_IsItsMidnightInChina()
    {
        var calendar = new HubCalendar(TimeProvider.System, Options.Create(new CalendarOptions()));

        Assert.Equal(new DateTimeOffset(2026, 6, 30, 16, 0, 0, TimeSpan.Zero), calendar.StartOf(new DateOnly(2026, 7, 1)));
    }

    [Fact]
    public void AddHubPlatform_CalendarSection_SetsTheOffsetForEveryModule()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Calendar:UtcOffset"] = "05:00" })
            .Build();
        using var provider = new ServiceCollection().AddHubPlatform(configuration)
            .AddSingleton<TimeProvider>(new ManualTimeProvider(new DateTimeOffset(2026, 6, 30, 18, 30, 0, TimeSpan.Zero)))
            .BuildServiceProvider();

        Assert.Equal(new DateOnly(2026, 6, 30), provider.GetRequiredService<HubCalendar>().Today);
    }
}
