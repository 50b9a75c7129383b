using IntegrationHub.Flows.Policy.Catalogue;
using static IntegrationHub.Tests.Labor.LaborRecords;

namespace IntegrationHub.Tests.Flows.Policy.Catalogue;

public sealed class CatalogueChangeTests : IAsyncLifetime
{
    /// <summary>The shipped policy whose catalogue file the tests change.</summary>
    private static readonly string Policy = PolicyFolder.ShippedId("zero-employment-household-assistance");
    private static readonly string Member = IdNumber("19800101", 701);
    private readonly PolicyFolder folder = new(withShippedPolicies: true);
    private PolicyScenario scenario = null!;

    public async ValueTask InitializeAsync() => scenario = await PolicyScenario.StartAsync("pol_catchange", folder.Path);

    public async ValueTask DisposeAsync()
    {
        await scenario.DisposeAsync();
        folder.Dispose();
    }

    [Fact]
    public async Task Worker_NewVersionTakesEffect_ReDecidesEveryoneAndAnnouncesUnderTheNewVersion()
    {
        await scenario.SendAsync("ps", "household-registration", Household("c-1", Member, "H-701"));
        await scenario.SettleAsync();
        var person = await scenario.PersonAsync("c-1");
        var first = PolicyFolder.ShippedPolicy(Policy);
        first["effectiveTo"] = "2026-11-20";
        var second = PolicyFolder.ShippedPolicy(Policy);
        second["version"] = 2;
        second["effectiveFrom"] = "2026-11-21";
        second["rule"]!.AsObject()["all"]!.AsArray().Add(new JsonObject { ["label"] = "aged 50 or more", ["fact"] = "person.age",
            ["ge"] = 50 });
        folder.Write($"{Policy}.v1.json", first);
        folder.Write($"{Policy}.v2.json", second);

        await scenario.SettleAsync();
        var stillFirst = await scenario.EventsAsync(Policy);
        await scenario.MoveToAsync(new DateOnly(2026, 11, 21));

        Assert.Equal([(EventTypes.PolicyEligible, 1)], stillFirst.Select(e => (e.Type, e.Data["policyVersion"]!.GetValue<int>())));
        var events = await scenario.EventsAsync(Policy, person);
        Assert.Equal((EventTypes.PolicyIneligible, 2), (events[^1].Type, events[^1].Data["policyVersion"]!.GetValue<int>()));
        Assert.Equal(["aged 50 or more"], events[^1].Data["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Fact]
    public async Task Reload_BadFile_KeepsTheLastGoodCatalogueAndListsWhy()
    {
        await scenario.SendAsync("ps", "household-registration", Household("c-2", Member, "H-702"));
        folder.Write("broken.json", """{"id": "broken", "version": 1""");

        await scenario.SettleAsync();

        Assert.Single(await scenario.EventsAsync(Policy));
        var listed = await scenario.PoliciesAsync(scenario.Hub.Tokens["hr"]);
        Assert.Equal(200, listed.Status);
        var body = JsonNode.Parse(listed.Body)!;
        Assert.Equal(6, body["policies"]!.AsArray().Count);
        var refused = Assert.Single(body["refused"]!.AsArray());
        Assert.Equal(("broken.json", "json-syntax"), (refused!["file"]!.GetValue<string>(), refused["code"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Start_BadCatalogue_RefusesNamingFilePointerAndReason()
    {
        using var bad = new PolicyFolder(withShippedPolicies: true);
        var policy = PolicyFolder.ShippedPolicy(Policy);
        policy["regions"] = new JsonArray("98");
        bad.Write($"{Policy}.v1.json", policy);

        var refused = await Assert.ThrowsAsync<PolicyCatalogueException>(() =>
            PolicyScenario.StartAsync("pol_badstart", bad.Path));

        var error = Assert.Single(refused.Errors);
        Assert.Equal(($"{Policy}.v1.json", "/regions/0", "unknown-region"), (error.File, error.Pointer, error.Code));
        Assert.Contains($"{Policy}.v1.json#/regions/0", refused.Message, StringComparison.Ordinal);
    }
}
