using IntegrationHub.Events.Dispatch;
using IntegrationHub.Labor.Difficulty;
using IntegrationHub.Tests.Flows.Policy;
using static IntegrationHub.Tests.Labor.LaborRecords;

namespace IntegrationHub.Tests.Events.Backfill;

/// <summary>A subscription to labor events created with <c>"backfill": true</c>: one snapshot event per person and open fact
/// (none for closed ones), then the live stream.</summary>
/// <remarks>Through the real feeds, linker and labor worker (the policy scenario, whose subscription and pull helpers these
/// tests share; its policy events are of types these subscriptions do not take).</remarks>
public sealed class LaborBackfillTests() : HarnessTests<PolicyScenario>(name => PolicyScenario.StartAsync(name))
{
    private const string Prefix = "cn.gov.hrss.hub.";

    [Fact]
    public async Task Create_WithBackfill_OneSnapshotPerOpenFactThenLiveEvents()
    {
        // Registered unemployed since June 2025: long-term unemployed from June 2026; employed from 16 November, which
        // closes both; disabled (civil affairs) meanwhile. Open now: the spell and the disabled category.
        var id = IdNumber("19900101", 51);
        var disabled = Assistance("ca-1", id, "temporary", "granted", "2026-03-01", disabilityLevel: 2);
        foreach (var (department, feed, record) in new[]
                 {
                     ("hr", "employment-registration", Registration("er-1", id, "unemployment", "2025-06-01")),
                     ("ca", "social-assistance", disabled),
                     ("hr", "employment-registration", Registration("er-2", id, "employment", "2026-11-16", Employer)),
                 })
        {
            await hub.SendAsync(department, feed, record);
            await hub.SettleAsync();
        }

        Assert.Single(await hub.Labor.EventsAsync(), e => e.Type == Prefix + "difficulty.left.v1");
        var person = await hub.PersonAsync("er-1");
        await hub.Hub.Server.Services.GetRequiredService<DeliveryQueue>().FanOutAsync(TestContext.Current.CancellationToken);
        var plain = await hub.SubscribeAsync(Subscription("lb-plain", backfill: false));

        var backfilled = await hub.SubscribeAsync(Subscription("lb-all", backfill: true));

        var page = await hub.PullAsync("lb-all", backfilled);
        var next = JsonNode.Parse(page)!["next"]!.GetValue<string>();
        var snapshot = Events(page);
        Assert.Equal(2, snapshot.Count);
        Assert.All(snapshot, e =>
        {
            Assert.Equal(person, e!["subject"]!.GetValue<string>());
            Assert.True(e["snapshot"]!.GetValue<bool>());
            Assert.True(e["data"]!["snapshot"]!.GetValue<bool>());
        });
        var started = Assert.Single(snapshot, e => e!["type"]!.GetValue<string>() == Prefix + "employment.started.v1")!;
        Assert.Equal(Employer, started["data"]!["employerCreditCode"]!.GetValue<string>());
        Assert.Equal(person, started["data"]!["personId"]!.GetValue<string>());
        Assert.NotEmpty(started["data"]!["sources"]!.AsArray());
        var entered = Assert.Single(snapshot, e => e!["type"]!.GetValue<string>() == Prefix + "difficulty.entered.v1")!;
        Assert.Equal(DifficultyCategory.Disabled, entered["data"]!["category"]!.GetValue<string>());
        Assert.Empty(Events(await hub.PullAsync("lb-plain", plain)));

        var newcomer = IdNumber("19920202", 53);
        await hub.SendAsync("hr", "employment-registration", Registration("er-3", newcomer, "employment", "2026-11-18", OtherEmployer));
        await hub.SettleAsync();
        var live = Assert.Single(Events(await hub.PullAsync("lb-all", backfilled, after: next)))!;
        Assert.Equal(await hub.PersonAsync("er-3"), live["subject"]!.GetValue<string>());
        Assert.Equal(Prefix + "employment.started.v1", live["type"]!.GetValue<string>());
        Assert.Null(live["snapshot"]);
        Assert.Null(live["data"]!["snapshot"]);
        var plainLive = Assert.Single(Events(await hub.PullAsync("lb-plain", plain)))!;
        Assert.Null(plainLive["snapshot"]);
    }

    /// <summary>Labor events carry the registration region only on unemployment registrations: a registration-region filter
    /// takes the one registered in Yuzhong and not the one registered in Shapingba, in the snapshot as live.</summary>
    [Fact]
    public async Task Create_WithBackfillAndRegionFilter_LeavesOutAnotherDistrictsPerson()
    {
        var yuzhong = Registration("er-y", IdNumber("19880808", 55), "unemployment", "2026-09-01");
        var shapingba = Registration("er-s", IdNumber("19880808", 57), "unemployment", "2026-09-01");
        shapingba["registrationRegion"] = "500106";
        await hub.SendAsync("hr", "employment-registration", yuzhong, shapingba);
        await hub.SettleAsync();
        var subscription = Subscription("lb-district", backfill: true, Prefix + "unemployment.*");
        subscription["filter"] = new JsonObject { ["regionPrefixes"] = new JsonArray("500103"), ["regionOf"] = "registration" };

        var token = await hub.SubscribeAsync(subscription);

        var only = Assert.Single(Events(await hub.PullAsync("lb-district", token)))!;
        Assert.Equal(await hub.PersonAsync("er-y"), only["subject"]!.GetValue<string>());
        Assert.Equal(Prefix + "unemployment.registered.v1", only["type"]!.GetValue<string>());
        Assert.Equal("500103", only["data"]!["registrationRegion"]!.GetValue<string>());
        Assert.True(only["snapshot"]!.GetValue<bool>());
    }

    /// <summary>A graduate not yet placed who lives alone without work: the snapshot says what the live events said
    /// (<c>graduate.unplaced</c>, <c>household.zero-employment.entered</c> to the member), plus the marker.</summary>
    [Fact]
    public async Task Create_WithBackfill_GraduateAndHouseholdSnapshotsCarryTheLiveData()
    {
        var id = IdNumber("20040303", 61);
        await hub.SendAsync("ps", "household-registration", Household("ps-g", id, "H-7001"));
        await hub.SendAsync("edu", "graduate-roster", Graduate("g-1", id, "2026-06-30", "not-yet-placed"));
        await hub.SettleAsync();
        var person = await hub.PersonAsync("g-1");

        var token = await hub.SubscribeAsync(Subscription("lb-ledger", backfill: true, Prefix + "graduate.*", Prefix + "household.*"));

        var snapshot = Events(await hub.PullAsync("lb-ledger", token));
        Assert.Equal([Prefix + "graduate.unplaced.v1", Prefix + "household.zero-employment.entered.v1"],
            snapshot.Select(e => e!["type"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.All(snapshot, e => Assert.Equal(person, e!["subject"]!.GetValue<string>()));
        Assert.All(snapshot, e => Assert.True(e!["snapshot"]!.GetValue<bool>()));
        var stored = await hub.Labor.EventsAsync();
        foreach (var type in new[] { Prefix + "graduate.unplaced.v1", Prefix + "household.zero-employment.entered.v1" })
        {
            var live = Assert.Single(stored, e => e.Type == type && e.Data["snapshot"] is null);
            var copy = Assert.Single(stored, e => e.Type == type && e.Data["snapshot"] is not null);
            Assert.True(copy.Data.Remove("snapshot"));
            Assert.Equal(live.Data.ToJsonString(), copy.Data.ToJsonString());
        }
    }

    private static List<JsonNode?> Events(string page) => [.. JsonNode.Parse(page)!["events"]!.AsArray()];

    private static JsonObject Subscription(string name, bool backfill, params string[] types)
    {
        string[] taken = types.Length > 0 ? types : [Prefix + "employment.*", Prefix + "unemployment.*", Prefix + "difficulty.*"];
        return new JsonObject
        {
            ["name"] = name,
            ["subscriber"] = name + "-service",
            ["legalBasis"] = "就业促进法 第五十二条",
            ["purpose"] = "employment services of the district",
            ["eventTypes"] = new JsonArray([.. taken.Select(t => (JsonNode)t)]),
            ["fields"] = new JsonArray("/personId", "/category", "/employerCreditCode", "/registrationRegion", "/sources", "/snapshot"),
            ["identityNumbers"] = false,
            ["destination"] = new JsonObject { ["kind"] = "pull" },
            ["backfill"] = backfill,
        };
    }
}
