using IntegrationHub.Events.Dispatch;
using static IntegrationHub.Tests.Labor.LaborRecords;

namespace IntegrationHub.Tests.Flows.Policy.Push;

public sealed class DistrictPushTests() : PolicyScenarioTests()
{
    [Fact]
    public async Task Pull_DistrictFilteredSubscriptions_EachReceivesOnlyItsResidentsBytes()
    {
        var yuzhong = await SubscribeAsync("push-yuzhong", new JsonObject { ["regionPrefixes"] = new JsonArray("500103") });
        var shapingba = await SubscribeAsync("push-shapingba", new JsonObject { ["regionPrefixes"] = new JsonArray("500106") });
        var otherPolicy = await SubscribeAsync("push-other-policy",
            new JsonObject { ["policyIds"] = new JsonArray(PolicyFolder.ShippedId("job-seeking-subsidy")) });
        var resident = Household("push-1", IdNumber("19800707", 111), "H-1001");
        var neighbour = Household("push-2", IdNumber("19800708", 113), "H-1002");
        neighbour["hukouRegion"] = "500106";
        neighbour["hukouAddress"] = "重庆市沙坪坝区小龙坎街道2号";
        await scenario.SendAsync("ps", "household-registration", resident, neighbour);
        await scenario.SettleAsync();

        await scenario.Hub.Server.Services.GetRequiredService<DeliveryQueue>().FanOutAsync(Token);

        var (residentId, neighbourId) = (await scenario.PersonAsync("push-1"), await scenario.PersonAsync("push-2"));
        var toYuzhong = await PullAsync("push-yuzhong", yuzhong);
        var toShapingba = await PullAsync("push-shapingba", shapingba);
        Assert.Contains(residentId, toYuzhong, StringComparison.Ordinal);
        Assert.DoesNotContain(neighbourId, toYuzhong, StringComparison.Ordinal);
        Assert.DoesNotContain("500106", toYuzhong, StringComparison.Ordinal);
        Assert.Contains(neighbourId, toShapingba, StringComparison.Ordinal);
        Assert.DoesNotContain(residentId, toShapingba, StringComparison.Ordinal);
        Assert.Single(JsonNode.Parse(toYuzhong)!["events"]!.AsArray());
        Assert.Empty(JsonNode.Parse(await PullAsync("push-other-policy", otherPolicy))!["events"]!.AsArray());
    }

    [Fact]
    public async Task Subscribe_BadFilter_RefusedWithPointers()
    {
        var subscription = Subscription("push-bad", new JsonObject
        {
            ["regionPrefixes"] = new JsonArray("5001x"), ["regionOf"] = "birthplace", ["colour"] = "red",
        });

        var response = await scenario.PostAsync("/api/admin/subscriptions", subscription.ToJsonString());

        Assert.Equal(400, response.Status);
        var paths = JsonNode.Parse(response.Body)!["errors"]!.AsArray()
            .Select(e => e!["path"]!.GetValue<string>()).Order(StringComparer.Ordinal);
        Assert.Equal(["/filter/colour", "/filter/regionOf", "/filter/regionPrefixes/0"], paths);
    }

    private static JsonObject Subscription(string name, JsonObject filter) => PolicyScenario.DistrictSubscription(name, filter,
        "/personId", "/policyId", "/policyVersion", "/hukouRegion", "/reasons", "/decidedOn", "/subjectKind");

    private Task<string> SubscribeAsync(string name, JsonObject filter) => scenario.SubscribeAsync(Subscription(name, filter));

    private Task<string> PullAsync(string name, string token) => scenario.PullAsync(name, token);
}
