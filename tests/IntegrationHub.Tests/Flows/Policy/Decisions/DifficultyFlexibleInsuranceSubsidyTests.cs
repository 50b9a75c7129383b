using static IntegrationHub.Tests.Labor.LaborRecords;

namespace IntegrationHub.Tests.Flows.Policy.Decisions;

public sealed class DifficultyFlexibleInsuranceSubsidyTests() : PolicyScenarioTests("difficulty-flexible-insurance-subsidy")
{
    [Fact]
    public async Task Decide_DisabledPersonPayingOwnInsurance_EligibleWhileOneWithoutACategoryIsNot()
    {
        var disabled = IdNumber("19850301", 501);
        var plain = IdNumber("19850302", 503);
        await scenario.SendAsync("ps", "household-registration", Household("dp-1", disabled, "H-501"), Household("dp-2", plain, "H-502"));
        await scenario.SendAsync("ca", "social-assistance", Assistance("da-1", disabled, "temporary", "granted", "2025-01-01",
            disabilityLevel: 3));
        await scenario.SendAsync("hr", "social-insurance", Insurance("ds-1", disabled, "2026-11", null), Insurance("ds-2", plain,
            "2026-11", null));

        await scenario.SettleAsync();

        var eligible = Assert.Single(await scenario.EventsAsync(Policy));
        Assert.Equal((EventTypes.PolicyEligible, await scenario.PersonAsync("dp-1")), (eligible.Type, eligible.Subject));
        Assert.Equal((1, 35), (eligible.Data["monthsGranted"]!.GetValue<int>(), eligible.Data["monthsRemaining"]!.GetValue<int>()));
        var refused = await scenario.ExplanationAsync(Policy, await scenario.PersonAsync("dp-2"));
        Assert.Equal(["in an employment-difficulty category"], refused["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Fact]
    public async Task Decide_StopsPayingOwnInsurance_IneligibleOnceTheSpellEnds()
    {
        var disabled = IdNumber("19850303", 505);
        await scenario.SendAsync("ps", "household-registration", Household("dp-3", disabled, "H-503"));
        await scenario.SendAsync("ca", "social-assistance", Assistance("da-3", disabled, "temporary", "granted", "2025-01-01",
            disabilityLevel: 2));
        await scenario.SendAsync("hr", "social-insurance", Insurance("ds-3", disabled, "2026-11", null));
        await scenario.SettleAsync();

        await scenario.MoveToAsync(new DateOnly(2027, 3, 2));

        var events = await scenario.EventsAsync(Policy);
        Assert.Equal([EventTypes.PolicyEligible, EventTypes.PolicyIneligible], events.Select(e => e.Type));
        Assert.Contains("working flexibly", events[1].Data["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));
    }
}
