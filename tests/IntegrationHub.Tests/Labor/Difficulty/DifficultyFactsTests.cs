using IntegrationHub.Identity;
using IntegrationHub.Labor.Difficulty;
using static IntegrationHub.Tests.Labor.LaborRecords;

namespace IntegrationHub.Tests.Labor.Difficulty;

public sealed class DifficultyFactsTests : LaborScenarioTests
{
    [Fact]
    public async Task Clock_TwelveMonthsRegisteredUnemployed_MakesLongTermUnemployedOnce()
    {
        var id = IdNumber("19950620", 41);
        await scenario.SendAsync("hr", "employment-registration", Registration("er-1", id, "unemployment", "2026-02-10"));
        await scenario.SettleAsync();
        var before = await scenario.EventsAsync(EventTypes.DifficultyEntered);

        scenario.Clock.Advance(TimeSpan.FromDays(82));
        await scenario.SettleAsync();
        await scenario.SettleAsync();

        Assert.Empty(before);
        var entered = Assert.Single(await scenario.EventsAsync(EventTypes.DifficultyEntered));
        Assert.Equal(DifficultyCategory.LongTermUnemployed, entered.Text("category"));
        Assert.Equal("2027-02-10", entered.Text("since"));
    }

    [Fact]
    public async Task Registration_EmploymentEndsLongTermUnemployment_LeavesTheCategory()
    {
        var id = IdNumber("19950620", 41);
        await scenario.SendAsync("hr", "employment-registration", Registration("er-1", id, "unemployment", "2025-06-01"));
        await scenario.SettleAsync();

        await scenario.SendAsync("hr", "employment-registration", Registration("er-2", id, "employment", "2026-11-16", Employer));
        await scenario.SettleAsync();

        var left = Assert.Single(await scenario.EventsAsync(EventTypes.DifficultyLeft));
        Assert.Equal(DifficultyCategory.LongTermUnemployed, left.Text("category"));
        Assert.Equal("2026-06-01", left.Text("since"));
        Assert.Equal("2026-11-20", left.Text("until"));
    }

    [Fact]
    public async Task Registration_UnemployedWomanOf45_IsAge4050AndAManOf45IsNot()
    {
        var woman = IdNumber("19810305", 62);
        var man = IdNumber("19810305", 63);
        await scenario.SendAsync("ps", "household-registration", Household("ps-w", woman, "H-1"), Household("ps-m", man, "H-2"));
        await scenario.SendAsync("hr", "employment-registration", Registration("er-w", woman, "unemployment", "2026-10-01"),
            Registration("er-m", man, "unemployment", "2026-10-01"));

        await scenario.SettleAsync();

        // Each lives alone without work: both households are zero-employment households too.
        var entered = Assert.Single(await scenario.EventsAsync(EventTypes.DifficultyEntered), e => e.Text("category") == DifficultyCategory.Age4050);
        Assert.Equal(PersonId.Format(await scenario.PersonOfAsync("er-w")), entered.Subject);
        Assert.Equal("2026-10-01", entered.Text("since"));
    }

    [Fact]
    public async Task Registration_OnlyTheIdentityNumberGivesAgeAndSex_IsAge4050()
    {
        var woman = IdNumber("19810305", 64);
        await scenario.SendAsync("hr", "employment-registration", Registration("er-w", woman, "unemployment", "2026-10-01"));

        await scenario.SettleAsync();

        var entered = Assert.Single(await scenario.EventsAsync(EventTypes.DifficultyEntered));
        Assert.Equal(DifficultyCategory.Age4050, entered.Text("category"));
    }

    [Fact]
    public async Task Evidence_CivilAffairsDisabilityAndEducationsFlag_MakeDisabled()
    {
        var first = IdNumber("19900101", 71);
        var second = IdNumber("20030514", 72);
        await scenario.SendAsync("ca", "social-assistance", Assistance("ca-1", first, "temporary", "granted", "2026-03-01", disabilityLevel: 2));
        await scenario.SendAsync("edu", "graduate-roster", Graduate("g-1", second, "2026-06-30", "not-yet-placed", disabled: true));

        await scenario.SettleAsync();

        var entered = await scenario.EventsAsync(EventTypes.DifficultyEntered);
        Assert.Equal(2, entered.Count);
        Assert.All(entered, e => Assert.Equal(DifficultyCategory.Disabled, e.Text("category")));
        Assert.Contains(entered, e => e.Text("since") == "2026-03-01" && e.Data["sources"]![0]!["recordId"]!.GetValue<string>() == "ca-1");
    }

    [Fact]
    public async Task Assistance_MinimumLivingGrantedThenTerminated_EntersThenLeaves()
    {
        var id = IdNumber("19700808", 81);
        await scenario.SendAsync("ca", "social-assistance", Assistance("ca-1", id, "minimum-living", "granted", "2026-01-01"));
        await scenario.SettleAsync();

        await scenario.SendAsync("ca", "social-assistance", Assistance("ca-2", id, "minimum-living", "terminated", "2026-11-01"));
        await scenario.SettleAsync();

        var events = await scenario.EventsAsync();
        Assert.Equal([EventTypes.DifficultyEntered, EventTypes.DifficultyLeft], events.Select(e => e.Type));
        Assert.All(events, e => Assert.Equal(DifficultyCategory.MinimumLiving, e.Text("category")));
        Assert.Equal("2026-01-01", events[1].Text("since"));
    }

    [Fact]
    public async Task Registration_HrCertifiesOther_EntersUntilALaterRegistrationNoLongerNamesIt()
    {
        var id = IdNumber("19920202", 91);
        await scenario.SendAsync("hr", "employment-registration",
            Registration("er-1", id, "unemployment", "2026-04-01", category: DifficultyCategory.Other));
        await scenario.SettleAsync();

        await scenario.SendAsync("hr", "employment-registration", Registration("er-2", id, "employment", "2026-11-01", Employer));
        await scenario.SettleAsync();

        var events = await scenario.EventsAsync();
        Assert.Equal([EventTypes.UnemploymentRegistered, EventTypes.DifficultyEntered, EventTypes.UnemploymentEnded,
            EventTypes.EmploymentStarted, EventTypes.DifficultyLeft], events.Select(e => e.Type));
        Assert.Equal(DifficultyCategory.Other, events[1].Text("category"));
        Assert.Equal("2026-04-01", events[4].Text("since"));
    }
}
