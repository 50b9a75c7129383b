using IntegrationHub.Identity;
using static IntegrationHub.Tests.Labor.LaborRecords;

namespace IntegrationHub.Tests.Handler.Api.Persons;

/// <summary><c>GET /api/departments/{dept}/records/{recordId}/person</c>: with its own token a department learns the person of its
/// record and, per other department, only whether that one holds a record of the person; never another department's values.</summary>
public sealed class RecordPersonFunctionTests : PersonReadScenarioTests
{
    private Task<Infrastructure.IntakeHarness.Response> CrossReferenceAsync(string department, string recordId, string principal,
        string query = "") =>
        scenario.SendAsync(HttpMethod.Get, $"/api/departments/{department}/records/{recordId}/person{query}", principal, schema: "CrossReference");

    [Fact]
    public async Task CrossReference_OwnRecord_GivesThePersonAndWhoElseKnowsThemWithoutValues()
    {
        var answer = await CrossReferenceAsync("tax", "t-1", "tax");

        Assert.Equal(200, answer.Status);
        Assert.Equal(scenario.WorkerId, answer.Json.GetProperty("personId").GetString());
        var linkedIn = answer.Json.GetProperty("linkedIn").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetBoolean());
        Assert.Equal(new Dictionary<string, bool> { ["hr"] = true, ["edu"] = false, ["ps"] = true, ["ca"] = false }, linkedIn);
        foreach (var value in new[] { "李娜", PersonReadScenario.Worker, PersonReadScenario.Phone, "500103-000777", "ps-1", "hr-1", "household" })
        {
            Assert.DoesNotContain(value, answer.Body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CrossReference_Any_IsAuditedAsTheDepartmentWithItsPurpose()
    {
        await CrossReferenceAsync("ps", "ps-1", "ps");

        var (actor, purpose, subject, _) = Assert.Single(await scenario.AuditAsync("person.cross-reference"));
        Assert.Equal(("ps", PersonReadScenario.Purpose, scenario.WorkerId), (actor, purpose, subject));
    }

    [Theory]
    [InlineData("hr")]
    [InlineData("ps")]
    [InlineData("admin")]
    public async Task CrossReference_AnotherDepartmentsToken_Returns403WithoutAnswering(string principal)
    {
        var refused = await CrossReferenceAsync("tax", "t-1", principal);

        Assert.Equal((403, "forbidden"), (refused.Status, refused.Json.GetProperty("code").GetString()));
        Assert.DoesNotContain(scenario.WorkerId, refused.Body, StringComparison.Ordinal);
        Assert.Empty(await scenario.AuditAsync("person.cross-reference"));
    }

    [Fact]
    public async Task CrossReference_UnknownRecord_Returns404()
    {
        var refused = await CrossReferenceAsync("tax", "t-404", "tax");

        Assert.Equal((404, "unknown-record"), (refused.Status, refused.Json.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task CrossReference_StoredButNotLinkedYet_Returns404NotLinked()
    {
        await scenario.Hub.PostJsonAsync("tax", "wage-withholding", $$"""
            {"batchId":"tax-late","schemaVersion":"1","extractedAt":"2026-11-20T18:00:00+08:00","region":"500000","records":[{{Tax("t-late", PersonReadScenario.Worker, "2026-07").ToJsonString()}}]}
            """);

        var refused = await CrossReferenceAsync("tax", "t-late", "tax");

        Assert.Equal((404, "record-not-linked"), (refused.Status, refused.Json.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task CrossReference_FeedNamed_LooksOnlyThere()
    {
        var found = await CrossReferenceAsync("hr", "hr-1", "hr", "?feed=employment-registration");
        var elsewhere = await CrossReferenceAsync("hr", "hr-1", "hr", "?feed=social-insurance");
        var unknown = await CrossReferenceAsync("hr", "hr-1", "hr", "?feed=wage-withholding");

        Assert.Equal(PersonId.Format(scenario.WorkerPerson), found.Json.GetProperty("personId").GetString());
        Assert.Equal(404, elsewhere.Status);
        Assert.Equal((400, "/feed"), (unknown.Status,
            Assert.Single(unknown.Json.GetProperty("errors").EnumerateArray()).GetProperty("path").GetString()));
    }

    [Fact]
    public async Task CrossReference_WithoutPurpose_Returns400()
    {
        var refused = await scenario.SendAsync(HttpMethod.Get, "/api/departments/tax/records/t-1/person", "tax", purpose: null);

        Assert.Equal(400, refused.Status);
        Assert.Equal("/headers/X-Purpose", Assert.Single(refused.Json.GetProperty("errors").EnumerateArray()).GetProperty("path").GetString());
    }

    [Theory]
    [InlineData("t%1F-1")]
    [InlineData("t%01")]
    public async Task CrossReference_ControlCharacterInRecordId_Returns400NotAServerError(string recordId)
    {
        var refused = await CrossReferenceAsync("tax", recordId, "tax");

        Assert.Equal(400, refused.Status);
        Assert.Equal(("/recordId", "control-character"), (Assert.Single(refused.Json.GetProperty("errors").EnumerateArray()).GetProperty("path")
            .GetString(), refused.Json.GetProperty("code").GetString()));
    }
}
