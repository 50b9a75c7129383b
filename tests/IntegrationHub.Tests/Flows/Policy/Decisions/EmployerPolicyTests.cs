using static IntegrationHub.Tests.Labor.Graduates.GraduateRecords;
using static IntegrationHub.Tests.Labor.LaborRecords;

namespace IntegrationHub.Tests.Flows.Policy.Decisions;

/// <summary>The two employer policies, 一次性扩岗补助 and 企业吸纳高校毕业生社保补贴: which hires count for an employer.</summary>
public sealed class EmployerPolicyTests : PolicyScenarioTests
{
    private static readonly string JobExpansion = PolicyFolder.ShippedId("employer-job-expansion-subsidy");
    private static readonly string GraduateInsurance = PolicyFolder.ShippedId("employer-graduate-insurance-subsidy");

    [Fact]
    public async Task Decide_RegisteredUnemployedHiredAt24_CountsWhileOneHiredAt25DoesNot()
    {
        var aged24 = IdNumber("20011102", 301);
        var aged25 = IdNumber("20011101", 303);
        await HireAfterUnemploymentAsync("a", aged24, Employer);
        await HireAfterUnemploymentAsync("b", aged25, Employer);
        await HireAfterUnemploymentAsync("d", aged25, OtherEmployer);

        await scenario.SettleAsync();

        var eligible = Assert.Single(await scenario.EventsAsync(JobExpansion));
        Assert.Equal((EventTypes.PolicyEligible, "employer:" + Employer, "employer"), (eligible.Type, eligible.Subject, eligible.Text("subjectKind")));
        Assert.Equal((Employer, "500103", 1), (eligible.Text("creditCode"), eligible.Text("registrationRegion"),
            eligible.Data["employeeCount"]!.GetValue<int>()));
        var granted = await scenario.ExplanationAsync(JobExpansion, Employer);
        var employees = granted["clauses"]![1]!["parts"]![1]!;
        var employee = Assert.Single(employees["employees"]!.AsArray());
        Assert.Equal(await scenario.PersonAsync("a-u"), employee!["subject"]!.GetValue<string>());
        var refused = await scenario.ExplanationAsync(JobExpansion, OtherEmployer);
        Assert.Equal((false, 0), (refused["eligible"]!.GetValue<bool>(), refused["clauses"]![1]!["parts"]![1]!["count"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Decide_GraduateHired23MonthsAfterGraduating_CountsWhile24MonthsDoesNot()
    {
        var early = IdNumber("20020715", 305);
        var late = IdNumber("20020716", 307);
        await scenario.SendAsync("edu", "graduate-roster", Roster("ge-1", early, "not-yet-placed", graduationDate: "2024-12-15"),
            Roster("ge-2", late, "not-yet-placed", graduationDate: "2024-11-15"));
        await scenario.SendAsync("hr", "employment-registration", Registration("re-1", early, "employment", "2026-11-01", Employer),
            Registration("re-2", late, "employment", "2026-11-01", Employer));
        await scenario.SendAsync("hr", "social-insurance", Insurance("se-1", early, "2026-11", Employer), Insurance("se-2", late,
            "2026-11", Employer));

        await scenario.SettleAsync();

        var eligible = Assert.Single(await scenario.EventsAsync(GraduateInsurance));
        Assert.Equal(("employer:" + Employer, 1), (eligible.Subject, eligible.Data["employeeCount"]!.GetValue<int>()));
        var explanation = await scenario.ExplanationAsync(GraduateInsurance, Employer);
        var employee = Assert.Single(explanation["clauses"]![1]!["parts"]![1]!["employees"]!.AsArray());
        Assert.Equal(await scenario.PersonAsync("ge-1"), employee!["subject"]!.GetValue<string>());
        var months = employee["explanation"]!["parts"]![3]!;
        Assert.Equal(("spell.startedMonthsAfterGraduation", 23), (months["fact"]!.GetValue<string>(), months["value"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Decide_EmployerWhoseCreditCodeOneSourceMistyped_DecidedOnTheValidRecordsOnly()
    {
        var worker = IdNumber("20020101", 309);
        var mistyped = Employer[..17] + (Employer[17] == '0' ? '1' : '0');
        await HireAfterUnemploymentAsync("c", worker, Employer);
        var batch = new System.Text.Json.Nodes.JsonObject
        {
            ["batchId"] = "tax-mistyped-1", ["schemaVersion"] = "1", ["extractedAt"] = "2026-11-20T18:00:00+08:00", ["region"] = "500000",
            ["records"] = new System.Text.Json.Nodes.JsonArray(Tax("t-bad", worker, "2026-11", mistyped)),
        };
        var report = await scenario.Hub.PostJsonAsync("tax", "wage-withholding", batch.ToJsonString());

        await scenario.SettleAsync();

        Assert.Equal(1, report.Json.GetProperty("rejected").GetInt32());
        Assert.Equal(["employer:" + Employer], (await scenario.EventsAsync(JobExpansion)).Select(e => e.Subject));
        Assert.Equal(404, (await scenario.DecisionAsync(JobExpansion, mistyped)).Status);
        var explanation = await scenario.ExplanationAsync(JobExpansion, Employer);
        Assert.DoesNotContain("t-bad", explanation.ToJsonString(), StringComparison.Ordinal);
    }

    private async Task HireAfterUnemploymentAsync(string key, string id, string employer)
    {
        await scenario.SendAsync("hr", "employment-registration", Registration($"{key}-u", id, "unemployment", "2026-05-01"),
            Registration($"{key}-e", id, "employment", "2026-11-01", employer));
        await scenario.SendAsync("hr", "social-insurance", Insurance($"{key}-s", id, "2026-11", employer));
    }
}
