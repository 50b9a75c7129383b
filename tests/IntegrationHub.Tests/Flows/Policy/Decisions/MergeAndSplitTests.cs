using static IntegrationHub.Tests.Labor.Graduates.GraduateRecords;
using static IntegrationHub.Tests.Labor.LaborRecords;

namespace IntegrationHub.Tests.Flows.Policy.Decisions;

public sealed class MergeAndSplitTests() : PolicyScenarioTests("graduate-flexible-insurance-subsidy")
{
    [Fact]
    public async Task Decide_PersonMergedWhileEligible_IneligibleSayingIntoWhomAndTheSurvivorDecided()
    {
        var graduate = IdNumber("20030601", 601);
        var other = IdNumber("20030602", 603);
        await scenario.SendAsync("edu", "graduate-roster", Roster("m-1", graduate, "not-yet-placed"));
        await scenario.SendAsync("hr", "social-insurance", Insurance("m-2", graduate, "2026-11", null));
        await scenario.SendAsync("ps", "household-registration", Household("m-3", other, "H-601"));
        await scenario.SettleAsync();
        var (merged, survivor) = (await scenario.PersonAsync("m-1"), await scenario.PersonAsync("m-3"));

        var response = await scenario.Hub.PostAdminAsync($"/api/persons/{merged}/merge", $$"""{"into":"{{survivor}}"}""");
        await scenario.SettleAsync();

        Assert.Equal(200, response.Status);
        var ended = (await scenario.EventsAsync(Policy, merged)).Last();
        Assert.Equal(EventTypes.PolicyIneligible, ended.Type);
        Assert.Equal([$"merged into {survivor}"], ended.Data["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(404, (await scenario.DecisionAsync(Policy, merged)).Status);
        Assert.Equal([EventTypes.PolicyEligible], (await scenario.EventsAsync(Policy, survivor)).Select(e => e.Type));
    }

    [Fact]
    public async Task Decide_RecordsMakingThePersonEligibleSplitOff_IneligibleAndTheNewPersonDecidedApart()
    {
        var graduate = IdNumber("20030603", 605);
        await scenario.SendAsync("edu", "graduate-roster", Roster("s-1", graduate, "not-yet-placed"));
        await scenario.SendAsync("hr", "social-insurance", Insurance("s-2", graduate, "2026-11", null));
        await scenario.SettleAsync();
        var person = await scenario.PersonAsync("s-1");

        var response = await scenario.Hub.PostAdminAsync($"/api/persons/{person}/split",
            """{"records":[{"department":"hr","feed":"social-insurance","recordId":"s-2"}]}""");
        await scenario.SettleAsync();

        Assert.Equal(200, response.Status);
        var events = await scenario.EventsAsync(Policy, person);
        Assert.Equal([EventTypes.PolicyEligible, EventTypes.PolicyIneligible], events.Select(e => e.Type));
        Assert.Contains("working flexibly", events[1].Data["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));
        var split = await scenario.PersonAsync("s-2");
        Assert.NotEqual(person, split);
        Assert.Empty(await scenario.EventsAsync(Policy, split));
        Assert.Equal(["outside the policy's regions", "a graduate", "graduated within 2 years"],
            (await scenario.ExplanationAsync(Policy, split))["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));
    }
}
