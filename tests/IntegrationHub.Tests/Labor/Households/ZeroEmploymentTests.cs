using IntegrationHub.Identity;
using IntegrationHub.Labor.Difficulty;
using static IntegrationHub.Tests.Labor.LaborRecords;

namespace IntegrationHub.Tests.Labor.Households;

public sealed class ZeroEmploymentTests : LaborScenarioTests
{
    private static readonly string Mother = IdNumber("19780412", 102);
    private static readonly string Father = IdNumber("19760901", 103);
    private static readonly string Grandmother = IdNumber("19400101", 104);

    [Fact]
    public async Task Household_NoMemberWorking_EntersForEveryMemberThenClearsWhenOneStartsWork()
    {
        await scenario.SendAsync("ps", "household-registration", Household("ps-1", Mother, "H-100"), Household("ps-2", Father, "H-100"),
            Household("ps-3", Grandmother, "H-100"));
        await scenario.SettleAsync();
        var entered = await scenario.EventsAsync(EventTypes.ZeroEmploymentEntered);

        await scenario.SendAsync("tax", "wage-withholding", Tax("t-1", Father, "2026-11"));
        await scenario.SettleAsync();

        var members = new[] { "ps-1", "ps-2", "ps-3" }.Select(r => PersonId.Format(scenario.PersonOfAsync(r).Result))
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(members, entered.Select(e => e.Subject).Order(StringComparer.Ordinal));
        Assert.All(entered, e =>
        {
            Assert.Equal("H-100", e.Text("householdNumber"));
            Assert.Equal(members, e.Data["members"]!.AsArray().Select(m => m!.GetValue<string>()));
            Assert.Equal(2, e.Data["workingAgeMembers"]!.GetValue<int>());
            Assert.Equal("2026-11-20", e.Text("asOf"));
            Assert.Equal(e.Subject, e.Text("personId"));
        });
        var cleared = await scenario.EventsAsync(EventTypes.ZeroEmploymentCleared);
        Assert.Equal(members, cleared.Select(e => e.Subject).Order(StringComparer.Ordinal));
        Assert.Contains(cleared[0].Data["sources"]!.AsArray(), s => s!["recordId"]!.GetValue<string>() == "t-1");
        var family = await scenario.EventsAsync(EventTypes.DifficultyEntered);
        Assert.Equal(3, family.Count(e => e.Text("category") == DifficultyCategory.ZeroEmploymentFamily));
        Assert.Equal(3, (await scenario.EventsAsync(EventTypes.DifficultyLeft)).Count(e => e.Text("category") == DifficultyCategory.ZeroEmploymentFamily));
    }

    [Fact]
    public async Task Household_OnlyMemberBeyondWorkingAge_IsNoZeroEmploymentHousehold()
    {
        await scenario.SendAsync("ps", "household-registration", Household("ps-3", Grandmother, "H-200"));

        await scenario.SettleAsync();

        Assert.Empty(await scenario.EventsAsync(EventTypes.ZeroEmploymentEntered));
    }

    [Fact]
    public async Task Household_MemberInStudy_IsNoZeroEmploymentHouseholdUntilGraduation()
    {
        var student = IdNumber("20040302", 105);
        await scenario.SendAsync("ps", "household-registration", Household("ps-1", Mother, "H-300"), Household("ps-4", student, "H-300"));
        await scenario.SendAsync("edu", "graduate-roster", Graduate("g-1", student, "2027-06-30", "not-yet-placed"));
        await scenario.SettleAsync();
        var whileStudying = await scenario.EventsAsync(EventTypes.ZeroEmploymentEntered);

        scenario.Clock.Advance(TimeSpan.FromDays(222));
        await scenario.SettleAsync();

        Assert.Empty(whileStudying);
        var entered = await scenario.EventsAsync(EventTypes.ZeroEmploymentEntered);
        Assert.Equal(2, entered.Count);
        Assert.All(entered, e => Assert.Equal("2027-06-30", e.Text("asOf")));
    }

    [Fact]
    public async Task Household_MemberMovesOut_HearsClearedAndTheOthersHearNothing()
    {
        await scenario.SendAsync("ps", "household-registration", Household("ps-1", Mother, "H-400"), Household("ps-2", Father, "H-400"));
        await scenario.SettleAsync();

        await scenario.SendAsync("ps", "household-registration", Household("ps-2b", Father, "H-400", "move-out", "2026-11-10"));
        await scenario.SettleAsync();

        var father = PersonId.Format(await scenario.PersonOfAsync("ps-2"));
        var cleared = Assert.Single(await scenario.EventsAsync(EventTypes.ZeroEmploymentCleared));
        Assert.Equal(father, cleared.Subject);
        Assert.DoesNotContain(father, cleared.Data["members"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal(2, (await scenario.EventsAsync(EventTypes.ZeroEmploymentEntered)).Count);
    }
}
