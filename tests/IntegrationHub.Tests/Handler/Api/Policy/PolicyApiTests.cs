using IntegrationHub.Tests.Flows.Policy;
using static IntegrationHub.Tests.Labor.LaborRecords;

namespace IntegrationHub.Tests.Handler.Api.Policy;

public sealed class PolicyApiTests() : PolicyScenarioTests("zero-employment-household-assistance")
{
    private string person = "";

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await scenario.SendAsync("ps", "household-registration", Household("api-1", IdNumber("19800505", 801), "H-801"),
            Household("api-2", IdNumber("19800506", 803), "H-802"));
        await scenario.SettleAsync();
        person = await scenario.PersonAsync("api-1");
    }

    [Fact]
    public async Task GetDecision_AdminWithPurpose_ReturnsTheExplanationAndAuditsTheRead()
    {
        var response = await scenario.DecisionAsync(Policy, person, purpose: "district follow-up");

        Assert.Equal(200, response.Status);
        var body = JsonNode.Parse(response.Body)!;
        Assert.Equal((person, true), (body["subject"]!.GetValue<string>(), body["eligible"]!.GetValue<bool>()));
        Assert.Equal(1, await scenario.Hub.CountAsync(
            $"SELECT count(*) FROM audit_log WHERE action = 'policy.decision.read' AND purpose = 'district follow-up' AND subject = '{person}'"));
    }

    [Theory]
    [InlineData(null, "admin", 400, "purpose-required")]
    [InlineData("review of 123456789012345678", "admin", 400, "purpose-holds-id-number")]
    [InlineData("review", "hr", 403, "forbidden")]
    [InlineData("review", null, 401, "unauthorized")]
    public async Task GetDecision_WithoutPurposeOrAsADepartment_Refused(string? purpose, string? principal, int status, string code)
    {
        var response = await scenario.DecisionAsync(Policy, person, purpose,
            principal is null ? "not-a-token" : scenario.Hub.Tokens[principal]);

        Assert.Equal((status, code), (response.Status, JsonNode.Parse(response.Body)!["code"]!.GetValue<string>()));
        Assert.Equal(0, await scenario.Hub.CountAsync("SELECT count(*) FROM audit_log WHERE action = 'policy.decision.read'"));
    }

    [Theory]
    [InlineData("no-such-policy", "P000000001", 404, "unknown-policy")]
    [InlineData("zero-employment-household-assistance", "P12", 400, "invalid-subject")]
    [InlineData("zero-employment-household-assistance", "P999999999", 404, "no-decision")]
    public async Task GetDecision_UnknownPolicyOrSubject_RefusedWithPointer(string policy, string subject, int status, string code)
    {
        var response = await scenario.DecisionAsync(policy, subject);

        var body = JsonNode.Parse(response.Body)!;
        Assert.Equal((status, code), (response.Status, body["code"]!.GetValue<string>()));
        Assert.NotEmpty(body["errors"]!.AsArray());
    }

    [Fact]
    public async Task Simulate_PolicyDocument_CountsByDistrictWithSamplesAndStoresNothing()
    {
        var decisions = await scenario.Hub.CountAsync("SELECT count(*) FROM policy_decision");
        var events = await scenario.Hub.CountAsync("SELECT count(*) FROM event_outbox");
        var draft = PolicyFolder.ShippedPolicy(Policy);
        draft["id"] = "draft-assistance";

        var response = await scenario.PostAsync("/api/policies/simulate", draft.ToJsonString());

        Assert.Equal(200, response.Status);
        var body = JsonNode.Parse(response.Body)!;
        Assert.Equal((2, 2), (body["subjects"]!.GetValue<int>(), body["eligible"]!.GetValue<int>()));
        Assert.Equal(2, body["byDistrict"]!["500103"]!.GetValue<int>());
        Assert.Equal(2, body["samples"]!.AsArray().Count);
        Assert.Equal(decisions, await scenario.Hub.CountAsync("SELECT count(*) FROM policy_decision"));
        Assert.Equal(events, await scenario.Hub.CountAsync("SELECT count(*) FROM event_outbox"));
        Assert.Equal(0, await scenario.Hub.CountAsync("SELECT count(*) FROM policy_decision WHERE policy_id = 'draft-assistance'"));
    }

    [Fact]
    public async Task Simulate_UnknownFact_RefusedWithItsPointer()
    {
        var draft = PolicyFolder.ShippedPolicy(Policy);
        draft["rule"] = new JsonObject { ["fact"] = "person.favouriteColour", ["eq"] = "red" };

        var response = await scenario.PostAsync("/api/policies/simulate", draft.ToJsonString());

        Assert.Equal(400, response.Status);
        var error = JsonNode.Parse(response.Body)!["errors"]![0]!;
        Assert.Equal(("/rule/fact", "unknown-fact"), (error["path"]!.GetValue<string>(), error["code"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ListPolicies_AnyDepartment_GetsTheSixShippedPolicies()
    {
        var response = await scenario.PoliciesAsync(scenario.Hub.Tokens["ca"]);

        Assert.Equal(200, response.Status);
        var body = JsonNode.Parse(response.Body)!;
        Assert.Equal(6, body["policies"]!.AsArray().Count);
        Assert.Empty(body["refused"]!.AsArray());
        Assert.Equal(401, (await scenario.PoliciesAsync(null)).Status);
    }
}
