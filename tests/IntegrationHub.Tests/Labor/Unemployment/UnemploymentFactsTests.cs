using static IntegrationHub.Tests.Labor.LaborRecords;

namespace IntegrationHub.Tests.Labor.Unemployment;

public sealed class UnemploymentFactsTests : LaborScenarioTests
{
    private static readonly string Jobseeker = IdNumber("19950620", 41);

    [Fact]
    public async Task Registration_Unemployment_IsRegisteredOnceWithItsDateAndRegion()
    {
        await scenario.SendAsync("hr", "employment-registration", Registration("er-1", Jobseeker, "unemployment", "2026-10-12"));

        await scenario.SettleAsync();
        await scenario.SendAsync("hr", "employment-registration", Registration("er-1", Jobseeker, "unemployment", "2026-10-12"));
        await scenario.SettleAsync();

        var registered = Assert.Single(await scenario.EventsAsync());
        Assert.Equal(EventTypes.UnemploymentRegistered, registered.Type);
        Assert.Equal("2026-10-12", registered.Text("registeredOn"));
        Assert.Equal("500103", registered.Text("registrationRegion"));
        Assert.Equal("er-1", registered.Data["sources"]![0]!["recordId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Registration_EmploymentAfterUnemployment_EndsItWithItsDuration()
    {
        await scenario.SendAsync("hr", "employment-registration", Registration("er-1", Jobseeker, "unemployment", "2026-09-01"));
        await scenario.SettleAsync();

        await scenario.SendAsync("hr", "employment-registration", Registration("er-2", Jobseeker, "employment", "2026-11-02", Employer));
        await scenario.SettleAsync();

        var ended = Assert.Single(await scenario.EventsAsync(EventTypes.UnemploymentEnded));
        Assert.Equal("2026-09-01", ended.Text("registeredOn"));
        Assert.Equal("2026-11-02", ended.Text("endedOn"));
        Assert.Equal(62, ended.Data["durationDays"]!.GetValue<int>());
        var registered = Assert.Single(await scenario.EventsAsync(EventTypes.UnemploymentRegistered));
        Assert.Equal(registered.Data["registrationRegion"]!.ToJsonString(), ended.Data["registrationRegion"]!.ToJsonString());
        Assert.Single(await scenario.EventsAsync(EventTypes.EmploymentStarted));
    }

    [Fact]
    public async Task Registration_UnemploymentEnded_EndsIt()
    {
        await scenario.SendAsync("hr", "employment-registration", Registration("er-1", Jobseeker, "unemployment", "2026-09-01"),
            Registration("er-2", Jobseeker, "unemployment-ended", "2026-09-11"));

        await scenario.SettleAsync();

        var events = await scenario.EventsAsync();
        Assert.Equal([EventTypes.UnemploymentRegistered, EventTypes.UnemploymentEnded], events.Select(e => e.Type));
        Assert.Equal(10, events[1].Data["durationDays"]!.GetValue<int>());
    }

    [Fact]
    public async Task Registration_OverlappingAndEndedWithoutStart_AreOneEpisodeFromTheFirst()
    {
        await scenario.SendAsync("hr", "employment-registration",
            Registration("er-0", Jobseeker, "unemployment-ended", "2026-01-05"),
            Registration("er-1", Jobseeker, "unemployment", "2026-08-01"),
            Registration("er-2", Jobseeker, "unemployment", "2026-09-01"));

        await scenario.SettleAsync();

        var registered = Assert.Single(await scenario.EventsAsync());
        Assert.Equal("2026-08-01", registered.Text("registeredOn"));
        Assert.Equal(["er-1", "er-2"], registered.Data["sources"]!.AsArray().Select(s => s!["recordId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Correction_RegistrationDateCorrected_IsAnnouncedAgain()
    {
        await scenario.SendAsync("hr", "employment-registration", Registration("er-1", Jobseeker, "unemployment", "2026-10-12"));
        await scenario.SettleAsync();

        await scenario.SendAsync("hr", "employment-registration", Registration("er-1", Jobseeker, "unemployment", "2026-10-02"));
        await scenario.SettleAsync();

        var events = await scenario.EventsAsync();
        Assert.Equal(["2026-10-12", "2026-10-02"], events.Select(e => e.Text("registeredOn")));
        Assert.All(events, e => Assert.Equal(EventTypes.UnemploymentRegistered, e.Type));
    }
}
