using IntegrationHub.Identity.Review;
using IntegrationHub.Labor.Graduates;
using static IntegrationHub.Tests.Labor.Graduates.GraduateRecords;
using static IntegrationHub.Tests.Labor.LaborRecords;

namespace IntegrationHub.Tests.Labor.Graduates;

public sealed class GraduateFactsTests : LaborScenarioTests
{
    private Task<IReadOnlyList<GraduateFact>> FactsOfAsync(long person) => scenario.Service<GraduateFacts>().ReadPersonAsync(person, Token);

    [Fact]
    public async Task Roster_NotYetPlacedWithoutEvidence_EntersTheLedgerAndAnnouncesIt()
    {
        var id = IdNumber("20040101", 11);
        await scenario.SendAsync("edu", "graduate-roster", Roster("g-1", id, "not-yet-placed", hardship: true));

        await scenario.SettleAsync();

        var fact = Assert.Single(await FactsOfAsync(await scenario.PersonOfAsync("g-1")));
        Assert.Equal(("2026-21", GraduateStatuses.NotYetPlaced, 2026, true, true), (fact.Key, fact.Status, fact.Cohort, fact.InLedger, fact.HardshipFamily));
        Assert.Equal(new DateOnly(2026, 6, 30), fact.LedgerSince);
        Assert.Equal("2026-06-30", (await TheOnlyPlacementEventAsync(EventTypes.GraduateUnplaced)).Text("ledgerSince"));
    }

    [Fact]
    public async Task Evidence_WagesAfterGraduation_PlacesWhateverTheRosterClaims()
    {
        var id = IdNumber("20040102", 13);
        await scenario.SendAsync("edu", "graduate-roster", Roster("g-1", id, "not-yet-placed"));
        await scenario.SendAsync("tax", "wage-withholding", Tax("t-0", id, "2026-03", OtherEmployer), Tax("t-1", id, "2026-08"));

        await scenario.SettleAsync();

        var fact = Assert.Single(await FactsOfAsync(await scenario.PersonOfAsync("g-1")));
        Assert.Equal((GraduateStatuses.Placed, new DateOnly(2026, 8, 1), Employer, "standard"),
            (fact.Status, fact.PlacedOn, fact.EmployerCreditCode, fact.PlacementForm));
        Assert.Contains(fact.Sources, s => s.RecordId == "t-1");
        Assert.DoesNotContain(fact.Sources, s => s.RecordId == "t-0");
        Assert.Equal("2026-08-01", (await TheOnlyPlacementEventAsync(EventTypes.GraduatePlaced)).Text("placedOn"));
    }

    [Fact]
    public async Task Claim_FurtherStudy_StandsUntilSelfPaidInsuranceReplacesIt()
    {
        var id = IdNumber("20040103", 15);
        await scenario.SendAsync("edu", "graduate-roster", Roster("g-1", id, "further-study"));
        await scenario.SettleAsync();
        var before = Assert.Single(await FactsOfAsync(await scenario.PersonOfAsync("g-1")));

        await scenario.SendAsync("hr", "social-insurance", Insurance("si-1", id, "2026-10", employer: null));
        await scenario.SettleAsync();

        var after = Assert.Single(await FactsOfAsync(await scenario.PersonOfAsync("g-1")));
        Assert.Equal(GraduateStatuses.FurtherStudy, before.Status);
        Assert.Equal((GraduateStatuses.Placed, "flexible", (string?)null), (after.Status, after.PlacementForm, after.EmployerCreditCode));
        Assert.Equal(GraduateStatuses.FurtherStudy, (await TheOnlyPlacementEventAsync(EventTypes.GraduatePlaced)).Text("previousStatus"));
    }

    [Fact]
    public async Task Claim_EmployedWithoutEvidence_IsNotPlaced()
    {
        var id = IdNumber("20040104", 17);
        await scenario.SendAsync("edu", "graduate-roster", Roster("g-1", id, "employed", employer: Employer));

        await scenario.SettleAsync();

        var fact = Assert.Single(await FactsOfAsync(await scenario.PersonOfAsync("g-1")));
        Assert.Equal((GraduateStatuses.NotYetPlaced, "employed"), (fact.Status, fact.ClaimedDestination));
    }

    [Fact]
    public async Task Roster_BachelorThenMaster_IsTwoGraduationsEachDecidedOnItsOwn()
    {
        var id = IdNumber("20010105", 19);
        await scenario.SendAsync("edu", "graduate-roster", Roster("g-b", id, "further-study", "2023-06-30"),
            Roster("g-m", id, "not-yet-placed", "2026-06-30", level: "14", major: "0854"));

        await scenario.SettleAsync();

        var facts = await FactsOfAsync(await scenario.PersonOfAsync("g-m"));
        Assert.Equal(["2023-21", "2026-14"], facts.Select(f => f.Key));
        Assert.Equal(GraduateStatuses.FurtherStudy, facts[0].Status);
        Assert.False(facts[0].Open);
        Assert.True(facts[1].InLedger);
        var unplaced = Assert.Single(await scenario.EventsAsync(EventTypes.GraduateUnplaced));
        Assert.Equal("14", unplaced.Text("educationLevel"));
    }

    [Fact]
    public async Task Clock_TwoYearsAfterGraduation_ClosesTheFactAndLeavesTheLedger()
    {
        var id = IdNumber("20030106", 21);
        await scenario.SendAsync("edu", "graduate-roster", Roster("g-1", id, "not-yet-placed", "2025-06-30"));
        await scenario.SettleAsync();
        var person = await scenario.PersonOfAsync("g-1");
        var before = Assert.Single(await FactsOfAsync(person));

        scenario.Clock.Advance(TimeSpan.FromDays(223));
        await scenario.SettleAsync();
        await scenario.SettleAsync();

        var after = Assert.Single(await FactsOfAsync(person));
        Assert.True(before.InLedger);
        Assert.False(after.Open);
        Assert.False(after.InLedger);
    }

    [Fact]
    public async Task Roster_NotYetGraduated_HasNoFactUntilGraduationDay()
    {
        var id = IdNumber("20050107", 23);
        await scenario.SendAsync("edu", "graduate-roster", Roster("g-1", id, "not-yet-placed", "2026-12-31"));
        await scenario.SettleAsync();
        var person = await scenario.PersonOfAsync("g-1");
        var before = await FactsOfAsync(person);

        scenario.Clock.Advance(TimeSpan.FromDays(42));
        await scenario.SettleAsync();

        Assert.Empty(before);
        Assert.True(Assert.Single(await FactsOfAsync(person)).InLedger);
    }

    [Fact]
    public async Task Evidence_ArrivingMonthsLate_MovesThePlacementEarlierAndAnnouncesItAgain()
    {
        var id = IdNumber("20040108", 25);
        await scenario.SendAsync("edu", "graduate-roster", Roster("g-1", id, "employed", employer: Employer));
        await scenario.SendAsync("tax", "wage-withholding", Tax("t-10", id, "2026-10"));
        await scenario.SettleAsync();

        await scenario.SendAsync("tax", "wage-withholding", Tax("t-07", id, "2026-07"));
        await scenario.SettleAsync();

        var fact = Assert.Single(await FactsOfAsync(await scenario.PersonOfAsync("g-1")));
        Assert.Equal(new DateOnly(2026, 7, 1), fact.PlacedOn);
        var placed = await scenario.EventsAsync(EventTypes.GraduatePlaced);
        Assert.Equal(["2026-10-01", "2026-07-01"], placed.Select(e => e.Text("placedOn")));
    }

    [Fact]
    public async Task Merge_GraduateInTheLedgerIntoAnotherPerson_TheLedgerFollowsTheSurvivor()
    {
        var graduate = IdNumber("20040109", 27);
        await scenario.SendAsync("edu", "graduate-roster", Roster("g-1", graduate, "not-yet-placed"));
        await scenario.SendAsync("ps", "household-registration", Household("ps-1", IdNumber("20040109", 29), "H-1"));
        await scenario.SettleAsync();
        var away = await scenario.PersonOfAsync("g-1");
        var survivor = await scenario.PersonOfAsync("ps-1");

        await scenario.Service<ReviewService>().MergeAsync(away, survivor, "admin", Token);
        await scenario.SettleAsync();

        Assert.Empty(await FactsOfAsync(away));
        Assert.True(Assert.Single(await FactsOfAsync(survivor)).InLedger);
        Assert.Single(await scenario.EventsAsync(EventTypes.GraduateUnplaced, survivor));
        var verification = await scenario.Service<GraduateVerifications>().ReadRecordAsync("g-1", Token);
        Assert.Equal(survivor, verification!.PersonId);
    }

    [Fact]
    public async Task Split_RosterRecordOffAPersonInTheLedger_TheLedgerFollowsTheNewPersonAndEventsSaySo()
    {
        var id = IdNumber("20040112", 35);
        await scenario.SendAsync("edu", "graduate-roster", Roster("g-1", id, "not-yet-placed"));
        await scenario.SendAsync("ps", "household-registration", Household("ps-1", id, "H-1"));
        await scenario.SettleAsync();
        var person = await scenario.PersonOfAsync("g-1");

        var created = await scenario.Service<ReviewService>()
            .SplitAsync(person, [new RecordKey("edu", "graduate-roster", "g-1")], "admin", Token);
        await scenario.SettleAsync();

        Assert.Empty(await FactsOfAsync(person));
        Assert.True(Assert.Single(await FactsOfAsync(created)).InLedger);
        Assert.Single(await scenario.EventsAsync(EventTypes.GraduateUnplaced, created));
        var verification = await scenario.Service<GraduateVerifications>().ReadRecordAsync("g-1", Token);
        Assert.Equal(created, verification!.PersonId);
        Assert.Equal(1, await scenario.Hub.CountAsync(
            $"SELECT count(*) FROM event_outbox WHERE type = '{EventTypes.PersonSplit}' AND subject = '{IntegrationHub.Identity.PersonId.Format(person)}'"));
    }

    [Fact]
    public async Task Replay_EveryGraduateRecomputed_EmitsNothingMore()
    {
        var id = IdNumber("20040110", 31);
        await scenario.SendAsync("edu", "graduate-roster", Roster("g-1", id, "employed", employer: Employer),
            Roster("g-2", IdNumber("20040111", 33), "not-yet-placed"));
        await scenario.SendAsync("tax", "wage-withholding", Tax("t-1", id, "2026-07"));
        await scenario.SettleAsync();
        var before = (await scenario.EventsAsync()).Count;

        await scenario.MarkEveryPersonDirtyAsync();
        await scenario.NewWorker().RunUntilIdleAsync(Token);

        Assert.True(before >= 4);
        Assert.Equal(before, (await scenario.EventsAsync()).Count);
    }

    /// <summary>Asserts that the one placed or unplaced event so far is one of <paramref name="type"/>; returns it.</summary>
    private async Task<LaborEvent> TheOnlyPlacementEventAsync(string type)
    {
        var only = Assert.Single(await scenario.EventsAsync(), e => e.Type is EventTypes.GraduatePlaced or EventTypes.GraduateUnplaced);
        Assert.Equal(type, only.Type);
        return only;
    }
}
