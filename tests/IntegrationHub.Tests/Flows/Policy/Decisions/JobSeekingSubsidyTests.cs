using static IntegrationHub.Tests.Labor.Graduates.GraduateRecords;
using static IntegrationHub.Tests.Labor.LaborRecords;

namespace IntegrationHub.Tests.Flows.Policy.Decisions;

public sealed class JobSeekingSubsidyTests() : PolicyScenarioTests("job-seeking-subsidy")
{
    [Fact]
    public async Task Decide_ThisYearsGraduates_HardshipAndDisabledEligibleOthersNotAndAllIneligibleOnNewYear()
    {
        var hardship = IdNumber("20040101", 401);
        var disabled = IdNumber("20040102", 403);
        var neither = IdNumber("20040103", 405);
        var lastYear = IdNumber("20030104", 407);
        var disabledRecord = Roster("j-2", disabled, "not-yet-placed");
        disabledRecord["disabled"] = true;
        await scenario.SendAsync("edu", "graduate-roster", Roster("j-1", hardship, "not-yet-placed", hardship: true), disabledRecord,
            Roster("j-3", neither, "not-yet-placed"), Roster("j-4", lastYear, "not-yet-placed", graduationDate: "2025-06-30",
                hardship: true));
        await scenario.SettleAsync();
        var thisYear = await scenario.EventsAsync(Policy);

        await scenario.MoveToAsync(new DateOnly(2026, 12, 31));
        var lastDay = await scenario.EventsAsync(Policy);
        await scenario.MoveToAsync(new DateOnly(2027, 1, 1));

        var eligible = new[] { await scenario.PersonAsync("j-1"),
            await scenario.PersonAsync("j-2") }.Order(StringComparer.Ordinal).ToList();
        Assert.Equal(eligible,
            thisYear.Where(e => e.Type == EventTypes.PolicyEligible).Select(e => e.Subject).Order(StringComparer.Ordinal));
        Assert.Equal(2, lastDay.Count);
        var newYear = (await scenario.EventsAsync(Policy)).Skip(2).ToList();
        Assert.Equal(eligible,
            newYear.Where(e => e.Type == EventTypes.PolicyIneligible).Select(e => e.Subject).Order(StringComparer.Ordinal));
        Assert.All(newYear, e => Assert.Equal(["graduating this year"], e.Data["reasons"]!.AsArray().Select(r => r!.GetValue<string>())));
        var refused = await scenario.ExplanationAsync(Policy, await scenario.PersonAsync("j-4"));
        Assert.Equal(["graduating this year"], refused["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));
    }
}
