using IntegrationHub.Intake.Rules;
using static IntegrationHub.Tests.Labor.Graduates.GraduateRecords;
using static IntegrationHub.Tests.Labor.LaborRecords;

namespace IntegrationHub.Tests.Flows.Exchange.Findings;

/// <summary>Each shipped rule through real feeds, with the expected findings worked out by hand in each test.</summary>
public sealed class ComparisonRulesTests() : ExchangeScenarioTests(nameof(ComparisonRulesTests))
{
    private static readonly string Person = IdNumber("19880412", 31);

    [Fact]
    public async Task UnemployedWhilePaid_WagesAfterTheRegistrationMonth_OpensOneHrFindingForTheLaterMonths()
    {
        // Registered 2026-06-10: June itself is left out (paid for part of it), August and September are not.
        await Scenario.SendAsync("hr", "employment-registration", Registration("u-1", Person, "unemployment", "2026-06-10"));
        await Scenario.SendAsync("tax", "wage-withholding", Tax("w-06", Person, "2026-06"), Tax("w-08", Person, "2026-08"),
            Tax("w-09", Person, "2026-09"));

        await Scenario.SettleAsync();

        var finding = Assert.Single(await Scenario.FindingsAsync());
        Assert.Equal(("unemployed-while-paid", "hr", "u-1"), (finding.Rule, finding.Department, finding.Key));
        Assert.Equal(["u-1"], finding.RecordIds);
        Assert.Equal(("2026-08", "2026-09"), (finding.From, finding.To));
        Assert.Equal(["tax/wage-withholding"], finding.EvidenceFeeds);
        Assert.Equal(["2026-08", "2026-09"], finding.Detail["months"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.True(finding.Open);
        var opened = Assert.Single(await Scenario.EventsAsync());
        Assert.Equal("finding.opened.v1", opened.Type);
        Assert.Equal("unemployed-while-paid", opened.Data["ruleId"]!.GetValue<string>());
        Assert.False(opened.Data.ContainsKey("detail"));
    }

    [Fact]
    public async Task UnemployedWhilePaid_RegistrationEndedBeforeTheWages_ResolvesWithAnEvent()
    {
        await Scenario.SendAsync("hr", "employment-registration", Registration("u-2", Person, "unemployment", "2026-06-10"));
        await Scenario.SendAsync("hr", "social-insurance", Insurance("si-08", Person, "2026-08", Employer));
        await Scenario.SettleAsync();
        Assert.Equal(["hr/social-insurance"], Assert.Single(await Scenario.FindingsAsync()).EvidenceFeeds);

        // Ended on 2026-07-20: the registration covers no month after June any more.
        await Scenario.SendAsync("hr", "employment-registration", Registration("u-2-end", Person, "unemployment-ended", "2026-07-20"));
        await Scenario.SettleAsync();

        Assert.False(Assert.Single(await Scenario.FindingsAsync()).Open);
        Assert.Equal(["finding.opened.v1", "finding.resolved.v1"], (await Scenario.EventsAsync()).Select(e => e.Type));
        Assert.True((await Scenario.EventsAsync())[1].Data.ContainsKey("resolvedAt"));
    }

    [Fact]
    public async Task UnemployedWhilePaid_SelfPaidInsuranceOrNothingAfterRegistering_FindsNothing()
    {
        await Scenario.SendAsync("hr", "employment-registration", Registration("u-3", Person, "unemployment", "2026-06-10"));
        await Scenario.SendAsync("hr", "social-insurance", Insurance("si-self", Person, "2026-08", null));
        await Scenario.SendAsync("tax", "wage-withholding", Tax("w-b", Person, "2026-08", incomeType: "business"));

        await Scenario.SettleAsync();

        Assert.Empty(await Scenario.FindingsAsync());
    }

    [Fact]
    public async Task AssistanceWhileWages_ThirdConsecutiveMonthInBandCOrD_OpensTheCaFindingOverTheRun()
    {
        await Scenario.SendAsync("ca", "social-assistance", Assistance("a-1", Person, "minimum-living", "granted", "2026-03-01"));
        await Scenario.SendAsync("tax", "wage-withholding", Band(Tax("c-04", Person, "2026-04"), "C"), Band(Tax("c-05", Person, "2026-05"), "C"),
            Band(Tax("b-06", Person, "2026-06"), "B"));
        await Scenario.SettleAsync();
        Assert.Empty(await Scenario.FindingsAsync());

        // June in band D too (another employer): April to June is three months in a row.
        await Scenario.SendAsync("tax", "wage-withholding", Band(Tax("d-06", Person, "2026-06", OtherEmployer), "D"));
        await Scenario.SettleAsync();

        var finding = Assert.Single(await Scenario.FindingsAsync());
        Assert.Equal(("assistance-while-wages", "ca", "a-1"), (finding.Rule, finding.Department, finding.Key));
        Assert.Equal(("2026-04", "2026-06"), (finding.From, finding.To));
        Assert.Equal(["a-1"], finding.RecordIds);
        Assert.Equal("""{"2026-04":"C","2026-05":"C","2026-06":"D"}""", finding.Detail["incomeBands"]!.ToJsonString());
    }

    [Fact]
    public async Task AssistanceWhileWages_TerminatedBeforeTheThirdMonth_FindsNothing()
    {
        await Scenario.SendAsync("ca", "social-assistance", Assistance("a-2", Person, "minimum-living", "granted", "2026-03-01"),
            Assistance("a-2-end", Person, "minimum-living", "terminated", "2026-06-01"));
        await Scenario.SendAsync("tax", "wage-withholding", Band(Tax("c-04", Person, "2026-04"), "C"), Band(Tax("c-05", Person, "2026-05"), "C"),
            Band(Tax("c-06", Person, "2026-06"), "C"));

        await Scenario.SettleAsync();

        Assert.Empty(await Scenario.FindingsAsync());
    }

    [Fact]
    public async Task DeceasedWithOpenCase_DeathWithOpenRegistrationAndAssistance_OneFindingForHrAndOneForCa()
    {
        await Scenario.SendAsync("hr", "employment-registration", Registration("u-4", Person, "unemployment", "2026-05-10"));
        await Scenario.SendAsync("ca", "social-assistance", Assistance("a-4", Person, "minimum-living", "granted", "2026-05-01"));
        await Scenario.SendAsync("ps", "household-registration", Household("h-4", Person, "500103-000777"),
            Household("h-4-death", Person, "500103-000777", "death", "2026-10-05"));

        await Scenario.SettleAsync();

        var findings = (await Scenario.FindingsAsync()).Where(f => f.Rule == "deceased-with-open-case").OrderBy(f => f.Department).ToList();
        Assert.Equal(["ca", "hr"], findings.Select(f => f.Department));
        Assert.All(findings, f => Assert.Equal(("2026-10", "2026-10"), (f.From, f.To)));
        Assert.All(findings, f => Assert.Equal(["ps/household-registration"], f.EvidenceFeeds));
        Assert.Equal(["a-4"], findings[0].RecordIds);
        Assert.Equal(["u-4"], findings[1].RecordIds);
        Assert.Equal("2026-10-05", findings[1].Detail["changeDate"]!.GetValue<string>());
    }

    [Fact]
    public async Task NumberChange_TaxRecordsOnTheFormerNumber_OneTaxFindingNamingThemWithTheNumberKept()
    {
        var former = IdNumber("19880412", 41);
        var current = IdNumber("19880412", 43);
        await Scenario.SendAsync("tax", "wage-withholding", Tax("n-09", former, "2026-09"), Tax("n-10", former, "2026-10"));
        await Scenario.SettleAsync();
        await Scenario.SendAsync("ps", "household-registration", NumberChange("h-5", current, former, "500103-000888", "2026-10-20"));

        await Scenario.SettleAsync();

        var finding = Assert.Single(await Scenario.FindingsAsync(), f => f.Rule == "number-change");
        Assert.Equal("tax", finding.Department);
        Assert.Equal(["n-09", "n-10"], finding.RecordIds);
        Assert.Equal(("2026-09", "2026-10"), (finding.From, finding.To));
        Assert.Equal("2026-10-20", finding.Detail["changeDate"]!.GetValue<string>());
        Assert.True(finding.HasNumber);
    }

    [Fact]
    public async Task InvalidIdMatched_MistypedCheckCharacterLinkedToAValidPerson_OneFindingForTheSender()
    {
        var valid = IdNumber("19880412", 51);
        var wrong = valid[..17] + (valid[17] == '1' ? '2' : '1');
        Assert.NotEqual(IdentityNumber.CheckCharacter(wrong.AsSpan(0, 17)), wrong[17]);
        await Scenario.SendAsync("ps", "household-registration", Household("h-6", valid, "500103-000999"));
        await Scenario.SendAsync("tax", "wage-withholding", Tax("t-valid", valid, "2026-09"));
        await Scenario.SettleAsync();
        var mistyped = Tax("t-wrong", wrong, "2026-10");
        await Scenario.SendAsync("tax", "wage-withholding", mistyped);

        await Scenario.SettleAsync();

        var linked = await Scenario.Hub.CountAsync("""
            SELECT count(DISTINCT person_id) FROM person_link WHERE record_id IN ('t-wrong', 'h-6')
            """);
        Assert.Equal(1, linked);
        var finding = Assert.Single(await Scenario.FindingsAsync(), f => f.Rule == "invalid-id-matched");
        Assert.Equal(("tax", "2026-10"), (finding.Department, finding.From));
        Assert.Equal(["t-wrong"], finding.RecordIds);
        Assert.Contains("ps/household-registration", finding.EvidenceFeeds);
    }

    [Fact]
    public async Task DestinationContradicted_ClaimedEmployedButRegisteredUnemployed_OpensAnEduFindingThatResolvesWhenWorkIsEvidenced()
    {
        // Claimed employed at the employer on graduating 2026-06-30; registered unemployed 2026-07-15; no work evidence.
        await Scenario.SendAsync("edu", "graduate-roster", Roster("g-1", Person, "employed", employer: Employer));
        await Scenario.SendAsync("hr", "employment-registration", Registration("g-u", Person, "unemployment", "2026-07-15"));
        await Scenario.SettleAsync();

        var finding = Assert.Single(await Scenario.FindingsAsync("edu"));
        Assert.Equal(("destination-contradicted", "g-1"), (finding.Rule, finding.Key));
        Assert.Equal(["g-1"], finding.RecordIds);
        Assert.Equal(("2026-06", "2026-06"), (finding.From, finding.To));
        Assert.Equal(["hr/employment-registration"], finding.EvidenceFeeds);
        Assert.Equal("contradicted", finding.Detail["verificationStatus"]!.GetValue<string>());

        // Tax shows wages from the claimed employer in July: the verification says verified, the finding resolves.
        await Scenario.SendAsync("tax", "wage-withholding", Tax("g-w", Person, "2026-07"));
        await Scenario.SettleAsync();

        Assert.False(Assert.Single(await Scenario.FindingsAsync("edu")).Open);
    }

    private static JsonObject Band(JsonObject record, string band)
    {
        record["incomeBand"] = band;
        return record;
    }
}
