using static IntegrationHub.Tests.Labor.Graduates.GraduateRecords;
using static IntegrationHub.Tests.Labor.LaborRecords;

namespace IntegrationHub.Tests.Flows.Policy.Decisions;

/// <summary>企业吸纳高校毕业生社保补贴 is capped at 12 months per graduate taken on, counted for each employee.</summary>
public sealed class EmployerCapTests() : PolicyScenarioTests("employer-graduate-insurance-subsidy")
{
    [Fact]
    public async Task Decide_TwoGraduatesEachCappedAtTwelveMonths_CountedPerEmployeeThenIneligibleSayingWhy()
    {
        var (first, second) = (IdNumber("20030301", 311), IdNumber("20030302", 313));
        await scenario.SendAsync("edu", "graduate-roster", Roster("cap-1", first, "not-yet-placed"), Roster("cap-2", second, "not-yet-placed"));
        await scenario.SendAsync("hr", "employment-registration", Registration("cap-e1", first, "employment", "2026-11-01", Employer));
        await scenario.SendAsync("hr", "social-insurance", Insurance("cap-s1-0", first, "2026-11", Employer));
        await scenario.SettleAsync();
        var (a, b) = (await scenario.PersonAsync("cap-1"), await scenario.PersonAsync("cap-2"));
        var seen = new Dictionary<string, (int A, int B, int Within, int Reached, bool Eligible)>();
        var month = new DateOnly(2026, 11, 1);
        for (var i = 1; i <= 14; i++)
        {
            month = month.AddMonths(1);
            var period = month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
            if (i == 2)
            {
                await scenario.SendAsync("hr", "employment-registration", Registration("cap-e2", second, "employment", "2027-01-01", Employer));
            }

            await scenario.SendAsync("hr", "social-insurance", Insurance($"cap-s1-{i}", first, period, Employer));
            if (i >= 2)
            {
                await scenario.SendAsync("hr", "social-insurance", Insurance($"cap-s2-{i}", second, period, Employer));
            }

            await scenario.MoveToAsync(month.AddDays(1));
            var explanation = await scenario.ExplanationAsync(Policy, Employer);
            var cap = explanation["cap"]!;
            var employees = cap["employees"]!;
            seen[period] = (employees[a]?["granted"]?.GetValue<int>() ?? 0, employees[b]?["granted"]?.GetValue<int>() ?? 0,
                cap["employeesWithinCap"]!.GetValue<int>(), cap["employeesCapReached"]!.GetValue<int>(),
                explanation["eligible"]!.GetValue<bool>());
        }

        // The first graduate's 12th month is October 2027; from November only the second counts, whose 12th is December.
        Assert.Equal((12, 10, 2, 0, true), seen["2027-10"]);
        Assert.Equal((12, 11, 1, 1, true), seen["2027-11"]);
        Assert.Equal((12, 12, 1, 1, true), seen["2027-12"]);
        Assert.Equal((12, 12, 0, 2, false), seen["2028-01"]);
        var events = await scenario.EventsAsync(Policy);
        Assert.Equal([EventTypes.PolicyEligible, EventTypes.PolicyIneligible], events.Select(e => e.Type));
        Assert.Equal((1, 0), (events[0].Data["employeesWithinCap"]!.GetValue<int>(), events[0].Data["employeesCapReached"]!.GetValue<int>()));
        Assert.Contains("cap reached for 2 employee(s): 12 of 12 months granted each",
            events[1].Data["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal((0, 2), (events[1].Data["employeesWithinCap"]!.GetValue<int>(), events[1].Data["employeesCapReached"]!.GetValue<int>()));
        var remaining = (await scenario.ExplanationAsync(Policy, Employer))["cap"]!["employees"]![a]!["remaining"]!.GetValue<int>();
        Assert.Equal(0, remaining);
    }

    [Fact]
    public async Task Decide_EmployeeOutOfTheClauseForAMonthWhileTheEmployerStaysEligible_ThatMonthIsNotCountedForThem()
    {
        var (steady, returning) = (IdNumber("20030303", 315), IdNumber("20030304", 317));
        await scenario.SendAsync("edu", "graduate-roster", Roster("gap-1", steady, "not-yet-placed"), Roster("gap-2", returning, "not-yet-placed"));
        await scenario.SendAsync("hr", "employment-registration", Registration("gap-e1", steady, "employment", "2026-11-01", Employer),
            Registration("gap-e2", returning, "employment", "2026-11-01", Employer));
        await scenario.SendAsync("hr", "social-insurance", Insurance("gap-s1-11", steady, "2026-11", Employer),
            Insurance("gap-s2-11", returning, "2026-11", Employer));
        await scenario.SettleAsync();
        var (a, b) = (await scenario.PersonAsync("gap-1"), await scenario.PersonAsync("gap-2"));

        // December both count; in January the second graduate's job has ended; in February they are hired again.
        await scenario.SendAsync("hr", "social-insurance", Insurance("gap-s1-12", steady, "2026-12", Employer),
            Insurance("gap-s2-12", returning, "2026-12", Employer));
        await scenario.MoveToAsync(new DateOnly(2026, 12, 2));
        await scenario.SendAsync("hr", "employment-registration", Registration("gap-e3", returning, "employment-ended", "2027-01-01", Employer));
        await scenario.SendAsync("hr", "social-insurance", Insurance("gap-s1-01", steady, "2027-01", Employer));
        await scenario.MoveToAsync(new DateOnly(2027, 1, 2));
        var january = (await scenario.ExplanationAsync(Policy, Employer))["cap"]!["employees"]!;
        await scenario.SendAsync("hr", "employment-registration", Registration("gap-e4", returning, "employment", "2027-02-01", Employer));
        await scenario.SendAsync("hr", "social-insurance", Insurance("gap-s1-02", steady, "2027-02", Employer),
            Insurance("gap-s2-02", returning, "2027-02", Employer));
        await scenario.MoveToAsync(new DateOnly(2027, 2, 2));
        var february = (await scenario.ExplanationAsync(Policy, Employer))["cap"]!["employees"]!;

        // January counted for the steady graduate only; February counts for both, and not January again for the returning one.
        Assert.Equal(1, january[a]!["granted"]!.GetValue<int>() - january[b]!["granted"]!.GetValue<int>());
        Assert.Equal(1, february[a]!["granted"]!.GetValue<int>() - february[b]!["granted"]!.GetValue<int>());
    }
}
