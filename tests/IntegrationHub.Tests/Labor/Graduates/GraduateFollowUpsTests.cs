using IntegrationHub.Labor.Graduates;
using static IntegrationHub.Tests.Labor.Graduates.GraduateRecords;
using static IntegrationHub.Tests.Labor.LaborRecords;

namespace IntegrationHub.Tests.Labor.Graduates;

public sealed class GraduateFollowUpsTests : LaborScenarioTests
{
    [Fact]
    public async Task Read_ContactsOfAGraduateAndOfAPersonOnNoRoster_AreBothKeptInDateOrder()
    {
        var graduate = IdNumber("20040401", 71);
        var stranger = IdNumber("19990402", 73);
        await scenario.SendAsync("edu", "graduate-roster", Roster("g-1", graduate, "not-yet-placed"));
        await scenario.SendAsync("hr", "graduate-follow-up", FollowUp("f-2", graduate, "2026-10-05", "unreachable", []),
            FollowUp("f-1", graduate, "2026-08-01", "reached", ["guidance", "training"]), FollowUp("f-3", stranger, "2026-09-09"));
        await scenario.SettleAsync();
        var person = await scenario.PersonOfAsync("g-1");
        var other = await scenario.PersonOfAsync("f-3");

        var contacts = await scenario.Service<GraduateFollowUps>().ReadAsync([person, other], Token);

        Assert.Equal(["f-1", "f-2"], contacts[person].Select(c => c.RecordId));
        Assert.True(contacts[person][0].Reached);
        Assert.Equal(["guidance", "training"], contacts[person][0].Services);
        Assert.Empty(contacts[person][1].Services);
        Assert.Equal("f-3", Assert.Single(contacts[other]).RecordId);
    }
}
