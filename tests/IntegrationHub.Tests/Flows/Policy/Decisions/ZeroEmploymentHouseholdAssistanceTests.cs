using static IntegrationHub.Tests.Labor.LaborRecords;

namespace IntegrationHub.Tests.Flows.Policy.Decisions;

public sealed class ZeroEmploymentHouseholdAssistanceTests() : PolicyScenarioTests("zero-employment-household-assistance")
{
    private static readonly string Mother = IdNumber("19780412", 102);
    private static readonly string Father = IdNumber("19760901", 103);
    private static readonly string Grandfather = IdNumber("19661121", 105);

    [Fact]
    public async Task Decide_NoMemberWorking_EligibleThenIneligibleWhenOneStartsWork()
    {
        await scenario.SendAsync("ps", "household-registration", Household("ps-1", Mother, "H-100"), Household("ps-2", Father, "H-100"));
        await scenario.SettleAsync();
        var mother = await scenario.PersonAsync("ps-1");
        var eligible = await scenario.EventsAsync(Policy);

        await scenario.SendAsync("tax", "wage-withholding", Tax("t-1", Father, "2026-11"));
        await scenario.SettleAsync();

        Assert.Equal([EventTypes.PolicyEligible, EventTypes.PolicyEligible], eligible.Select(e => e.Type));
        var first = eligible.Single(e => e.Subject == mother);
        Assert.Equal(("person", mother, 1, "500103"), (first.Text("subjectKind"), first.Text("personId"),
            first.Data["policyVersion"]!.GetValue<int>(), first.Text("hukouRegion")));
        Assert.Equal(["a member of a zero-employment household", "of working age"],
            first.Data["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));
        var after = (await scenario.EventsAsync(Policy)).Skip(2).ToList();
        Assert.Equal([EventTypes.PolicyIneligible, EventTypes.PolicyIneligible], after.Select(e => e.Type));
        Assert.All(after, e => Assert.Equal(["a member of a zero-employment household"],
            e.Data["reasons"]!.AsArray().Select(r => r!.GetValue<string>())));
        var explanation = await scenario.ExplanationAsync(Policy, mother);
        Assert.False(explanation["eligible"]!.GetValue<bool>());
        var household = explanation["clauses"]![1]!["parts"]![0]!;
        Assert.Equal(("household.zeroEmployment", false), (household["fact"]!.GetValue<string>(), household["result"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task Decide_SettledAgainWithNothingChanged_AnnouncesNothingMore()
    {
        await scenario.SendAsync("ps", "household-registration", Household("ps-1", Mother, "H-200"));
        await scenario.SettleAsync();
        var before = await scenario.EventsAsync(Policy);

        await scenario.SendAsync("ps", "household-registration", Household("ps-1", Mother, "H-200"));
        await scenario.Hub.CountAsync("INSERT INTO policy_dirty SELECT 'person', person_id::text, pg_current_xact_id() FROM person RETURNING 1");
        await scenario.SettleAsync();

        Assert.Single(before);
        Assert.Single(await scenario.EventsAsync(Policy));
    }

    [Fact]
    public async Task Decide_MemberTurnsSixty_IneligibleOnTheBirthday()
    {
        await scenario.SendAsync("ps", "household-registration", Household("ps-5", Grandfather, "H-300"));
        await scenario.SettleAsync();
        var grandfather = await scenario.PersonAsync("ps-5");

        await scenario.MoveToAsync(new DateOnly(2026, 11, 20));
        var dayBefore = await scenario.EventsAsync(Policy, grandfather);
        await scenario.MoveToAsync(new DateOnly(2026, 11, 21));

        var events = await scenario.EventsAsync(Policy, grandfather);
        Assert.Equal([EventTypes.PolicyEligible], dayBefore.Select(e => e.Type));
        Assert.Equal([EventTypes.PolicyEligible, EventTypes.PolicyIneligible], events.Select(e => e.Type));
        Assert.Equal("2026-11-21", events[1].Text("decidedOn"));
    }
}
