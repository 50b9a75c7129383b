using IntegrationHub.Identity;
using IntegrationHub.Tests.Handler.Api.Graduates;
using IntegrationHub.Tests.Labor;
using static IntegrationHub.Tests.Labor.Graduates.GraduateRecords;
using static IntegrationHub.Tests.Labor.LaborRecords;

namespace IntegrationHub.Tests.Flows.Graduates;

/// <summary>
/// The graduate handoff end to end over real HTTP: a 2026 cohort of 14 graduates in three schools whose roster claims, tax,
/// insurance, HR registrations and follow-ups are known, read back through the API and compared with values worked out by hand
/// (see <c>docs/graduates.md</c>, "The worked example"). Rules: green ≥ 0.9, yellow ≥ 0.7, groups of at least 3; targets default.
/// </summary>
public sealed class GraduateHandoffEndToEndTests : LaborScenarioTests
{
    private const string SchoolA = "4150010611";
    private const string SchoolB = "4150010612";
    private const string SchoolC = "4150010613";
    private const string MajorOne = "080901";
    private const string MajorTwo = "120203K";

    private readonly string rulesFile = Path.Combine(Path.GetTempPath(), $"graduate-rules-e2e-{Guid.NewGuid():N}.json");

    private static string Id(int n) => IdNumber($"200407{n:D2}", 100 + n);

    public override async ValueTask InitializeAsync()
    {
        await File.WriteAllTextAsync(rulesFile, """
            {
              "district": { "source": "hukou-region", "overrides": [] },
              "targets": { "followUpRate": 1.0, "serviceRate": 1.0, "placementRate": 0.9 },
              "rating": { "green": 0.9, "yellow": 0.7, "minimumGroupSize": 3, "ratingDate": "12-31" },
              "verificationExport": { "at": "02:00", "cohortsBack": 2 }
            }
            """);
        scenario = await LaborScenario.StartAsync(nameof(GraduateHandoffEndToEndTests),
            new Dictionary<string, string?> { ["Graduates:RulesFile"] = rulesFile });
        await scenario.SendAsync("edu", "graduate-roster",
            Roster("a1", Id(1), "employed", employer: Employer, major: MajorOne),
            Roster("a2", Id(2), "employed", employer: Employer, major: MajorOne),
            Roster("a3", Id(3), "employed", employer: Employer, major: MajorOne, hukou: "500106"),
            Roster("a4", Id(4), "employed", employer: Employer, major: MajorOne, hukou: "500106"),
            Roster("a5", Id(5), "further-study", major: MajorOne),
            Roster("a6", Id(6), "enlisted", major: MajorOne),
            Roster("a7", Id(7), "not-yet-placed", major: MajorTwo, hardship: true),
            Roster("a8", Id(8), "not-yet-placed", major: MajorTwo),
            Roster("a9", Id(9), "flexible", major: MajorTwo),
            Roster("a10", Id(10), "not-yet-placed", major: MajorTwo, hardship: true),
            Roster("b1", Id(11), "employed", employer: Employer, school: SchoolB, hukou: "500106"),
            Roster("b2", Id(12), "further-study", school: SchoolB, hukou: "500106"),
            Roster("b3", Id(13), "employed", employer: OtherEmployer, school: SchoolB, hukou: "500106"),
            Roster("c1", Id(14), "not-yet-placed", school: SchoolC, hukou: "510107"),
            Roster("d1", Id(15), "not-yet-placed", "2025-06-30"));
        await scenario.SendAsync("tax", "wage-withholding", Tax("t-a1", Id(1), "2026-07"), Tax("t-a2", Id(2), "2026-08", OtherEmployer),
            Tax("t-a9", Id(9), "2026-06", OtherEmployer, "labor-remuneration"));
        await scenario.SendAsync("hr", "social-insurance", Insurance("si-a7", Id(7), "2026-09", employer: null),
            Insurance("si-b1", Id(11), "2026-07", Employer));
        await scenario.SendAsync("hr", "employment-registration", Registration("er-a4", Id(4), "unemployment", "2026-08-01"),
            Registration("er-a8", Id(8), "employment", "2026-10-15", Employer, "platform"),
            Registration("er-b3", Id(13), "employment", "2026-07-01", OtherEmployer));
        await scenario.SendAsync("hr", "graduate-follow-up", FollowUp("f-a3", Id(3), "2026-09-10", "reached", ["job-referral"], "500106"),
            FollowUp("f-a4", Id(4), "2026-09-01", "unreachable", [], "500106"), FollowUp("f-a10", Id(10), "2026-10-01", "reached", []),
            FollowUp("f-x1", IdNumber("19980101", 31), "2026-10-02", "reached", ["guidance"]));
        await scenario.SettleAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(rulesFile);
    }

    [Fact]
    public async Task Statuses_EachGraduate_IsWhatEvidenceAndClaimsSay()
    {
        var expected = new Dictionary<string, string[]>
        {
            ["placed"] = ["a1", "a2", "a7", "a8", "a9", "b1", "b3"],
            ["further-study"] = ["a5", "b2"],
            ["enlisted"] = ["a6"],
            ["not-yet-placed"] = ["a3", "a4", "a10", "c1"],
        };

        foreach (var (status, records) in expected)
        {
            var response = await GraduateApi.GetAsync(scenario.Hub, $"/api/graduates/ledger?cohort=2026&status={status}", scenario.Hub.Tokens["admin"]);
            var persons = response.Json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("personId").GetString()!).Order().ToList();
            Assert.Equal(await PersonsAsync(records), persons);
        }
    }

    [Fact]
    public async Task Ledger_Placements_CarryTheEvidencedDayFormAndEmployer()
    {
        var response = await GraduateApi.GetAsync(scenario.Hub, "/api/graduates/ledger?cohort=2026", scenario.Hub.Tokens["hr"]);

        var ledger = response.Json.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("personId").GetString()!);
        Assert.Equal(4, ledger.Count);
        var a3 = ledger[await PersonAsync("a3")];
        Assert.Equal(("500106", "2026-06-30"), (a3.GetProperty("district").GetString(), a3.GetProperty("since").GetString()));
        Assert.Equal("f-a3", a3.GetProperty("followUps")[0].GetProperty("recordId").GetString());
        Assert.Equal("510107", ledger[await PersonAsync("c1")].GetProperty("district").GetString());
        Assert.DoesNotContain(await PersonAsync("d1"), ledger.Keys);
    }

    [Fact]
    public async Task Verification_EachRosterRecord_HasItsHandWorkedStatusAndEvidenceKinds()
    {
        var response = await GraduateApi.GetAsync(scenario.Hub, "/api/departments/edu/graduate-verification?cohort=2026", scenario.Hub.Tokens["edu"]);

        var lines = response.Json.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("recordId").GetString()!,
            i => (i.GetProperty("status").GetString(), string.Join('+', i.GetProperty("evidence").EnumerateArray().Select(e => e.GetString()))));
        var expected = new Dictionary<string, (string?, string)>
        {
            ["a1"] = ("verified", "tax/wage-withholding"), ["a2"] = ("employer-differs", "tax/wage-withholding"),
            ["a3"] = ("no-evidence", ""), ["a4"] = ("contradicted", "hr/employment-registration"), ["a5"] = ("not-applicable", ""),
            ["a6"] = ("not-applicable", ""), ["a7"] = ("not-applicable", ""), ["a8"] = ("not-applicable", ""),
            ["a9"] = ("verified", "tax/wage-withholding"), ["a10"] = ("not-applicable", ""), ["b1"] = ("verified", "hr/social-insurance"),
            ["b2"] = ("not-applicable", ""), ["b3"] = ("verified", "hr/employment-registration"), ["c1"] = ("not-applicable", ""),
        };
        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), lines.OrderBy(e => e.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Indicators_ByDistrict_AreTheHandWorkedCounts()
    {
        var response = await GraduateApi.GetAsync(scenario.Hub, "/api/graduates/indicators?cohort=2026&by=district", scenario.Hub.Tokens["admin"]);

        var groups = response.Json.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("key").GetString()!, Figures);
        Assert.Equal(["500103", "500106", "510107"], groups.Keys);
        //                    graduates placed study enlisted unplaced rate    ledger followed rate  served rate  hardship secured rate
        Assert.Equal("8 5 1 1 1 0.875 1 1 1 0 0 2 1 0.5", groups["500103"]);
        Assert.Equal("5 2 1 0 2 0.6 2 1 0.5 1 0.5 0 0 -", groups["500106"]);
        Assert.Equal("1 0 0 0 1 0 1 0 0 0 0 0 0 -", groups["510107"]);
        var total = response.Json.GetProperty("total");
        Assert.Equal("14 7 2 1 4 0.7143 4 2 0.5 1 0.25 2 1 0.5", Figures(total));
        Assert.False(total.GetProperty("meetsPlacementTarget").GetBoolean());
    }

    [Fact]
    public async Task Ratings_SchoolsAndMajors_AreTheHandWorkedColours()
    {
        var response = await GraduateApi.GetAsync(scenario.Hub, "/api/graduates/ratings?cohort=2026", scenario.Hub.Tokens["edu"]);

        Assert.Equal("2026-12-31", response.Json.GetProperty("ratingDate").GetString());
        Assert.Equal([$"{SchoolA} 10 7 0.7 yellow", $"{SchoolB} 3 3 1 green", $"{SchoolC} 1 0 0 insufficient"],
            response.Json.GetProperty("schools").EnumerateArray().Select(Rating));
        Assert.Equal([$"{SchoolA}/{MajorOne} 6 4 0.6667 red", $"{SchoolA}/{MajorTwo} 4 3 0.75 yellow", $"{SchoolB}/{MajorOne} 3 3 1 green",
                $"{SchoolC}/{MajorOne} 1 0 0 insufficient"],
            response.Json.GetProperty("majors").EnumerateArray().Select(Rating));
    }

    private static string Figures(JsonElement g) => string.Join(' ',
        new[] { "graduates", "placed", "furtherStudy", "enlisted", "notYetPlaced", "placementRate", "ledger", "followedUp", "followUpRate",
                "served", "serviceRate", "hardshipGraduates", "hardshipSecured", "hardshipPlacementRate" }
            .Select(f => g.GetProperty(f) is { ValueKind: JsonValueKind.Null } ? "-" : g.GetProperty(f).GetRawText()));

    private static string Rating(JsonElement r) =>
        $"{r.GetProperty("schoolCode").GetString()}{(r.GetProperty("majorCode").GetString() is { } m ? "/" + m : "")} "
        + $"{r.GetProperty("graduates").GetInt32()} {r.GetProperty("secured").GetInt32()} {r.GetProperty("placementRate").GetRawText()} "
        + r.GetProperty("rating").GetString();

    private async Task<string> PersonAsync(string recordId) => PersonId.Format(await scenario.PersonOfAsync(recordId));

    private async Task<List<string>> PersonsAsync(IEnumerable<string> records)
    {
        var persons = new List<string>();
        foreach (var record in records)
        {
            persons.Add(await PersonAsync(record));
        }

        return [.. persons.Order()];
    }
}
