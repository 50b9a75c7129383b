using static IntegrationHub.Tests.Labor.Graduates.GraduateRecords;
using static IntegrationHub.Tests.Labor.LaborRecords;

namespace IntegrationHub.Tests.Flows.Policy.Decisions;

public sealed class GraduateFlexibleInsuranceSubsidyTests() : PolicyScenarioTests("graduate-flexible-insurance-subsidy")
{
    private static readonly string Graduate = IdNumber("20030510", 201);

    [Fact]
    public async Task Decide_RecentGraduatePayingOwnInsurance_EligibleWithSourcesInTheExplanation()
    {
        await scenario.SendAsync("edu", "graduate-roster", Roster("g-1", Graduate, "not-yet-placed"));
        await scenario.SendAsync("hr", "social-insurance", Insurance("si-1", Graduate, "2026-10", null), Insurance("si-2", Graduate,
            "2026-11", null));

        await scenario.SettleAsync();

        var person = await scenario.PersonAsync("g-1");
        var eligible = Assert.Single(await scenario.EventsAsync(Policy));
        Assert.Equal((EventTypes.PolicyEligible, person), (eligible.Type, eligible.Subject));
        Assert.Equal((1, 23), (eligible.Data["monthsGranted"]!.GetValue<int>(), eligible.Data["monthsRemaining"]!.GetValue<int>()));
        var explanation = await scenario.ExplanationAsync(Policy, person);
        var parts = explanation["clauses"]![1]!["parts"]!.AsArray();
        Assert.All(parts, p => Assert.True(p!["result"]!.GetValue<bool>()));
        var months = parts[1]!;
        Assert.Equal(("graduate.monthsSinceGraduation", 4), (months["fact"]!.GetValue<string>(), months["value"]!.GetValue<int>()));
        Assert.Equal("g-1", months["sources"]![0]!["recordId"]!.GetValue<string>());
        Assert.Equal(["si-1", "si-2"], parts[4]!["sources"]!.AsArray().Select(s => s!["recordId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Decide_GraduateWorkingForAnEmployer_IneligibleAndNothingAnnounced()
    {
        await scenario.SendAsync("edu", "graduate-roster", Roster("g-2", Graduate, "not-yet-placed"));
        await scenario.SendAsync("hr", "social-insurance", Insurance("si-3", Graduate, "2026-11", null));
        await scenario.SendAsync("tax", "wage-withholding", Tax("t-3", Graduate, "2026-11"));

        await scenario.SettleAsync();

        Assert.Empty(await scenario.EventsAsync(Policy));
        var explanation = await scenario.ExplanationAsync(Policy, await scenario.PersonAsync("g-2"));
        Assert.False(explanation["eligible"]!.GetValue<bool>());
        Assert.Equal(["not placed with an employer"], explanation["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Fact]
    public async Task Decide_GraduatedTwoYearsAgoToTheDay_IneligibleWhileADayLessIsEligibleUntilTheAnniversary()
    {
        var other = IdNumber("20020301", 203);
        await scenario.SendAsync("edu", "graduate-roster", Roster("g-4", Graduate, "not-yet-placed", graduationDate: "2024-11-20"),
            Roster("g-5", other, "not-yet-placed", graduationDate: "2024-11-21"));
        await scenario.SendAsync("hr", "social-insurance", Insurance("si-4", Graduate, "2026-11", null), Insurance("si-5", other,
            "2026-11", null));
        await scenario.SettleAsync();
        var (exact, dayLess) = (await scenario.PersonAsync("g-4"), await scenario.PersonAsync("g-5"));
        var onTheDay = await scenario.EventsAsync(Policy);

        await scenario.MoveToAsync(new DateOnly(2026, 11, 21));

        Assert.Equal([(EventTypes.PolicyEligible, dayLess)], onTheDay.Select(e => (e.Type, e.Subject)));
        var exactExplanation = await scenario.ExplanationAsync(Policy, exact);
        Assert.Equal(["graduated within 2 years"], exactExplanation["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));
        var events = await scenario.EventsAsync(Policy);
        Assert.Equal((EventTypes.PolicyIneligible, dayLess), (events[^1].Type, events[^1].Subject));
        Assert.Equal(["graduated within 2 years"], events[^1].Data["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Fact]
    public async Task Decide_CapOfTwentyFourMonths_TwentyThirdAndTwentyFourthEligibleThenIneligibleSayingWhy()
    {
        await scenario.SendAsync("edu", "graduate-roster", Roster("g-6", Graduate, "not-yet-placed", graduationDate: "2026-11-10"));
        await scenario.SendAsync("hr", "social-insurance", Insurance("si-m0", Graduate, "2026-11", null));
        await scenario.SettleAsync();
        var person = await scenario.PersonAsync("g-6");
        var granted = new List<(int Granted, int Remaining, bool Eligible)>();
        var month = new DateOnly(2026, 11, 1);
        for (var i = 1; i <= 24; i++)
        {
            month = month.AddMonths(1);
            await scenario.SendAsync("hr", "social-insurance", Insurance($"si-m{i}", Graduate, month.ToString("yyyy-MM"), null));
            await scenario.MoveToAsync(month.AddDays(1));
            if (i >= 22)
            {
                var explanation = await scenario.ExplanationAsync(Policy, person);
                granted.Add((explanation["cap"]!["granted"]!.GetValue<int>(), explanation["cap"]!["remaining"]!.GetValue<int>(),
                    explanation["eligible"]!.GetValue<bool>()));
            }
        }

        Assert.Equal([(23, 1, true), (24, 0, true), (24, 0, false)], granted);
        var events = await scenario.EventsAsync(Policy);
        Assert.Equal([EventTypes.PolicyEligible, EventTypes.PolicyIneligible], events.Select(e => e.Type));
        Assert.Equal(["cap reached: 24 of 24 months granted"], events[1].Data["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal((24, 0), (events[1].Data["monthsGranted"]!.GetValue<int>(), events[1].Data["monthsRemaining"]!.GetValue<int>()));
        Assert.Equal("2028-11-02", events[1].Text("decidedOn"));
    }
}
