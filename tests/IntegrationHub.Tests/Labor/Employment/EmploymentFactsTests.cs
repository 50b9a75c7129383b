using IntegrationHub.Identity;
using static IntegrationHub.Tests.Labor.LaborRecords;

namespace IntegrationHub.Tests.Labor.Employment;

public sealed class EmploymentFactsTests : LaborScenarioTests
{
    private static readonly string Worker = IdNumber("19900315", 21);

    [Fact]
    public async Task Tax_WagesInConsecutiveMonths_StartsOneStandardSpellStandingOnBothRecords()
    {
        await scenario.SendAsync("tax", "wage-withholding", Tax("t-1", Worker, "2026-09"), Tax("t-2", Worker, "2026-10"));

        await scenario.SettleAsync();

        var started = Assert.Single(await scenario.EventsAsync());
        Assert.Equal(EventTypes.EmploymentStarted, started.Type);
        Assert.Equal(PersonId.Format(await scenario.PersonOfAsync("t-1")), started.Subject);
        Assert.Equal(started.Subject, started.Text("personId"));
        Assert.Equal(Employer, started.Text("employerCreditCode"));
        Assert.Equal("standard", started.Text("employmentForm"));
        Assert.Equal("2026-09", started.Text("from"));
        Assert.False(started.Data.ContainsKey("to"));
        Assert.Equal(["t-1", "t-2"], started.Data["sources"]!.AsArray().Select(s => s!["recordId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Tax_OneMoreMonthAndTheSameBatchAgain_EmitNothingMore()
    {
        await scenario.SendAsync("tax", "wage-withholding", Tax("t-1", Worker, "2026-09"));
        await scenario.SettleAsync();

        await scenario.SendAsync("tax", "wage-withholding", Tax("t-1", Worker, "2026-09"));
        await scenario.SendAsync("tax", "wage-withholding", Tax("t-2", Worker, "2026-10"));
        await scenario.SettleAsync();
        await scenario.NewWorker().RunUntilIdleAsync(TestContext.Current.CancellationToken);

        Assert.Single(await scenario.EventsAsync());
        Assert.Equal(2, await scenario.Hub.CountAsync(
            "SELECT jsonb_array_length(sources) FROM labor_fact WHERE kind = 'employment'"));
    }

    [Fact]
    public async Task Tax_BusinessIncome_IsNoEvidenceOfEmployment()
    {
        await scenario.SendAsync("tax", "wage-withholding", Tax("t-1", Worker, "2026-10", incomeType: "business"));

        await scenario.SettleAsync();

        Assert.Empty(await scenario.EventsAsync());
    }

    [Fact]
    public async Task Insurance_PaidWithoutEmployer_StartsFlexibleSpellAndArrearsStartNothing()
    {
        var other = IdNumber("19880101", 33);
        await scenario.SendAsync("hr", "social-insurance", Insurance("si-1", Worker, "2026-10", null),
            Insurance("si-2", other, "2026-10", Employer, status: "arrears"));

        await scenario.SettleAsync();

        var started = Assert.Single(await scenario.EventsAsync());
        Assert.Null(started.Data["employerCreditCode"]);
        Assert.True(started.Data.ContainsKey("employerCreditCode"));
        Assert.Equal("flexible", started.Text("employmentForm"));
    }

    [Fact]
    public async Task Registration_PlatformEmploymentThenEnded_GivesTaxEvidenceItsFormAndEndsTheSpellAtTheRegisteredEnd()
    {
        await scenario.SendAsync("hr", "employment-registration",
            Registration("er-1", Worker, "employment", "2026-07-10", Employer, "platform"));
        await scenario.SendAsync("tax", "wage-withholding", Tax("t-1", Worker, "2026-07"), Tax("t-2", Worker, "2026-08"));
        await scenario.SettleAsync();

        await scenario.SendAsync("hr", "employment-registration", Registration("er-2", Worker, "employment-ended", "2026-09-15", Employer));
        await scenario.SettleAsync();

        var events = await scenario.EventsAsync();
        Assert.Equal([EventTypes.EmploymentStarted, EventTypes.EmploymentEnded], events.Select(e => e.Type));
        Assert.All(events, e => Assert.Equal("platform", e.Text("employmentForm")));
        Assert.Equal(events[0].Text("spellId"), events[1].Text("spellId"));
        Assert.Equal("2026-07", events[1].Text("from"));
        Assert.Equal("2026-09", events[1].Text("to"));
        Assert.Contains(events[1].Data["sources"]!.AsArray(), s => s!["recordId"]!.GetValue<string>() == "er-2");
    }

    [Fact]
    public async Task Clock_EvidenceStopsForMoreThanTheStaleMonths_EndsTheSpellAtItsLastMonthOnce()
    {
        await scenario.SendAsync("tax", "wage-withholding", Tax("t-1", Worker, "2026-09"), Tax("t-2", Worker, "2026-10"));
        await scenario.SettleAsync();

        scenario.Clock.Advance(TimeSpan.FromDays(62));
        await scenario.SettleAsync();
        var stillOpen = await scenario.EventsAsync();
        scenario.Clock.Advance(TimeSpan.FromDays(31));
        await scenario.SettleAsync();
        await scenario.SettleAsync();

        Assert.Single(stillOpen);
        var events = await scenario.EventsAsync();
        Assert.Equal([EventTypes.EmploymentStarted, EventTypes.EmploymentEnded], events.Select(e => e.Type));
        Assert.Equal("2026-10", events[1].Text("to"));
    }

    [Fact]
    public async Task LateRecord_EarlierMonth_AnnouncesTheSameSpellAgainWithItsCorrectedStart()
    {
        await scenario.SendAsync("tax", "wage-withholding", Tax("t-2", Worker, "2026-10"));
        await scenario.SettleAsync();

        await scenario.SendAsync("tax", "wage-withholding", Tax("t-1", Worker, "2026-09"));
        await scenario.SettleAsync();

        var events = await scenario.EventsAsync();
        Assert.Equal([EventTypes.EmploymentStarted, EventTypes.EmploymentStarted], events.Select(e => e.Type));
        Assert.Equal(events[0].Text("spellId"), events[1].Text("spellId"));
        Assert.Equal(["2026-10", "2026-09"], events.Select(e => e.Text("from")));
    }

    [Fact]
    public async Task Correction_TaxRecordNowNamesAnotherEmployer_EndsTheOldSpellAndStartsTheNewOneOnce()
    {
        await scenario.SendAsync("tax", "wage-withholding", Tax("t-1", Worker, "2026-10"));
        await scenario.SettleAsync();

        await scenario.SendAsync("tax", "wage-withholding", Tax("t-1", Worker, "2026-10", OtherEmployer));
        await scenario.SettleAsync();
        await scenario.SettleAsync();

        var events = await scenario.EventsAsync();
        Assert.Equal([EventTypes.EmploymentStarted, EventTypes.EmploymentStarted, EventTypes.EmploymentEnded],
            events.Select(e => e.Type).ToList());
        Assert.Equal(OtherEmployer, events[1].Text("employerCreditCode"));
        Assert.Equal(Employer, events[2].Text("employerCreditCode"));
        Assert.Equal(events[0].Text("spellId"), events[2].Text("spellId"));
    }

    [Fact]
    public async Task TwoEmployers_OverlappingMonths_AreTwoSpells()
    {
        await scenario.SendAsync("tax", "wage-withholding", Tax("t-1", Worker, "2026-10"), Tax("t-2", Worker, "2026-10", OtherEmployer));

        await scenario.SettleAsync();

        var events = await scenario.EventsAsync();
        Assert.Equal(2, events.Count);
        Assert.Equal([Employer, OtherEmployer], events.Select(e => e.Text("employerCreditCode")).Order(StringComparer.Ordinal));
        Assert.NotEqual(events[0].Text("spellId"), events[1].Text("spellId"));
    }

    [Fact]
    public async Task Registration_EndedWithoutStartAndUnknownEmployer_StartsOnlyTheRegisteredEmployment()
    {
        await scenario.SendAsync("hr", "employment-registration",
            Registration("er-1", Worker, "employment-ended", "2026-03-01", OtherEmployer),
            Registration("er-2", Worker, "employment", "2026-10-08", UnknownEmployer, "self-employed"));

        await scenario.SettleAsync();

        var started = Assert.Single(await scenario.EventsAsync());
        Assert.Equal(UnknownEmployer, started.Text("employerCreditCode"));
        Assert.Equal("self-employed", started.Text("employmentForm"));
        Assert.Equal("2026-10", started.Text("from"));
    }

    [Fact]
    public async Task OldEvidence_SpellLongOver_IsStartedAndEndedAtOnce()
    {
        await scenario.SendAsync("tax", "wage-withholding", Tax("t-1", Worker, "2025-01"), Tax("t-2", Worker, "2025-03"));

        await scenario.SettleAsync();

        var events = await scenario.EventsAsync();
        Assert.Equal([EventTypes.EmploymentStarted, EventTypes.EmploymentEnded], events.Select(e => e.Type));
        Assert.Equal("2025-01", events[1].Text("from"));
        Assert.Equal("2025-03", events[1].Text("to"));
    }
}
