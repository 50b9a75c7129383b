using IntegrationHub.Identity;
using static IntegrationHub.Tests.Labor.LaborRecords;

namespace IntegrationHub.Tests.Handler.Api.Persons;

/// <summary><c>GET /api/persons/{id}</c>: the golden record with each attribute's source and rule, the labor facts, the linked
/// records, the merges and splits and the review items, as the departments' feeds made them; the number masked for hr.</summary>
public sealed class PersonReadFunctionTests : PersonReadScenarioTests
{
    private Task<Infrastructure.IntakeHarness.Response> ReadAsync(string principal, string? personId = null, string? purpose = PersonReadScenario.Purpose) =>
        scenario.SendAsync(HttpMethod.Get, $"/api/persons/{personId ?? scenario.WorkerId}", principal, purpose: purpose, schema: "PersonDossier");

    [Fact]
    public async Task Read_AsAdmin_GoldenAttributesSayTheirSourceAndRule()
    {
        var read = await ReadAsync("admin");

        Assert.Equal(200, read.Status);
        var person = read.Json.GetProperty("person");
        Assert.Equal(scenario.WorkerId, person.GetProperty("personId").GetString());
        Assert.Equal(PersonReadScenario.Worker, person.GetProperty("idNumber").GetString());
        var golden = person.GetProperty("golden");
        AssertAttribute(golden.GetProperty("name"), "李娜", ("ps", "household-registration", "ps-1"), "authority");
        AssertAttribute(golden.GetProperty("birthDate"), "1990-03-15", ("ps", "household-registration", "ps-1"), "authority");
        AssertAttribute(golden.GetProperty("registrationRegion"), "500103", ("hr", "employment-registration", "hr-1"), "authority");
        AssertAttribute(golden.GetProperty("phone"), PersonReadScenario.Phone, ("hr", "employment-registration", "hr-1"), "fills-gap");
    }

    [Fact]
    public async Task Read_AsAdmin_ListsLinkedRecordsAndLaborFacts()
    {
        var read = await ReadAsync("admin");

        var records = read.Json.GetProperty("person").GetProperty("records").EnumerateArray()
            .Select(r => (r.GetProperty("department").GetString(), r.GetProperty("recordId").GetString(), r.GetProperty("rule").GetString(),
                r.GetProperty("score").GetDouble(), r.GetProperty("linkedTo").GetString()))
            .OrderBy(r => r.Item2).ToList();
        Assert.Equal(
        [
            ("hr", "hr-1", "id-number", 1.0, scenario.WorkerId), ("ps", "ps-1", "id-number", 1.0, scenario.WorkerId),
            ("tax", "t-1", "id-number", 1.0, scenario.WorkerId), ("tax", "t-2", "id-number", 1.0, scenario.WorkerId),
        ], records);
        var labor = read.Json.GetProperty("labor");
        var spell = Assert.Single(labor.GetProperty("employment").EnumerateArray());
        Assert.Equal("2026-05", spell.GetProperty("data").GetProperty("from").GetString());
        Assert.Equal(["t-1", "t-2"], spell.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("recordId").GetString()));
        var unemployment = Assert.Single(labor.GetProperty("unemployment").EnumerateArray());
        Assert.Equal("2026-10-08", unemployment.GetProperty("data").GetProperty("registeredOn").GetString());
        Assert.Equal("500103-000777", labor.GetProperty("household").GetProperty("householdNumber").GetString());
    }

    [Fact]
    public async Task Read_Graduate_ShowsTheGraduateFactWithItsEvidence()
    {
        // A 2025 graduate whose roster says not yet placed; tax shows her wages in 2026, so the evidence places her.
        await scenario.Labor.SendAsync("edu", "graduate-roster", Graduate("edu-g-1", PersonReadScenario.Worker, "2025-06-30", "not-yet-placed"));
        await scenario.Labor.SettleAsync();

        var labor = (await ReadAsync("admin")).Json.GetProperty("labor");

        var graduate = Assert.Single(labor.GetProperty("graduate").EnumerateArray());
        var data = graduate.GetProperty("data");
        Assert.Equal((2025, "placed", "not-yet-placed"), (data.GetProperty("cohort").GetInt32(), data.GetProperty("status").GetString(),
            data.GetProperty("claimedDestination").GetString()));
        Assert.Contains(graduate.GetProperty("sources").EnumerateArray(), s => s.GetProperty("recordId").GetString() == "edu-g-1");
        Assert.Contains(graduate.GetProperty("sources").EnumerateArray(), s => s.GetProperty("department").GetString() == "tax");
    }

    [Fact]
    public async Task Read_AsHr_MasksTheIdentityNumber()
    {
        var read = await ReadAsync("hr");

        Assert.Equal(200, read.Status);
        Assert.Equal(IdentityProtector.Mask(PersonReadScenario.Worker), read.Json.GetProperty("person").GetProperty("idNumber").GetString());
        Assert.True(read.Json.GetProperty("person").GetProperty("idNumberMasked").GetBoolean());
        Assert.DoesNotContain(PersonReadScenario.Worker, read.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_AfterMergeAndReviewItem_ShowsHistoryAndReview()
    {
        // A second person, made by a household record with another number, merged into the worker by the administrator.
        var other = IdNumber("19900316", 66);
        await scenario.Labor.SendAsync("ps", "household-registration", Household("ps-2", other, "500103-000778"));
        // Her number with another name and birth date: not linked, sent to review.
        var doubtful = Graduate("edu-1", PersonReadScenario.Worker, "2026-06-30", "not-yet-placed");
        doubtful["name"] = "张伟";
        doubtful["birthDate"] = "1991-01-01";
        await scenario.Hub.PostJsonAsync("edu", "graduate-roster", $$"""
            {"batchId":"edu-r-1","schemaVersion":"1","extractedAt":"2026-11-20T18:00:00+08:00","region":"500000","records":[{{doubtful.ToJsonString()}}]}
            """);
        await scenario.LinkAsync();
        var merged = PersonId.Format(await scenario.Labor.PersonOfAsync("ps-2"));
        Assert.Equal(200, (await scenario.Hub.PostAdminAsync($"/api/persons/{merged}/merge", $$"""{"into":"{{scenario.WorkerId}}"}""")).Status);

        var person = (await ReadAsync("admin")).Json.GetProperty("person");

        var merge = Assert.Single(person.GetProperty("history").EnumerateArray());
        Assert.Equal(("merge", "admin", merged, scenario.WorkerId), (merge.GetProperty("action").GetString(),
            merge.GetProperty("actor").GetString(), merge.GetProperty("personId").GetString(), merge.GetProperty("otherPersonId").GetString()));
        Assert.Contains(person.GetProperty("records").EnumerateArray(),
            r => r.GetProperty("recordId").GetString() == "ps-2" && r.GetProperty("linkedTo").GetString() == merged);
        var review = Assert.Single(person.GetProperty("reviews").EnumerateArray());
        Assert.Equal(("edu", "edu-1", "id-number-but-name-and-birth-date-disagree"), (review.GetProperty("record").GetProperty("department").GetString(),
            review.GetProperty("record").GetProperty("recordId").GetString(), review.GetProperty("reason").GetString()));
        Assert.Equal(JsonValueKind.Null, review.GetProperty("decision").ValueKind);

        var away = (await ReadAsync("admin", merged)).Json.GetProperty("person");
        Assert.Equal(scenario.WorkerId, away.GetProperty("mergedInto").GetString());
        Assert.Empty(away.GetProperty("golden").EnumerateObject());
    }

    [Fact]
    public async Task Read_Any_IsAuditedWithReaderPurposeAndPerson()
    {
        await ReadAsync("hr");

        var (actor, purpose, subject, detail) = Assert.Single(await scenario.AuditAsync("person.read"));
        Assert.Equal(("hr", PersonReadScenario.Purpose, scenario.WorkerId), (actor, purpose, subject));
        var facts = await scenario.Hub.CountAsync($"SELECT count(*) FROM labor_fact WHERE person_id = {scenario.WorkerPerson}");
        Assert.True(facts >= 2);
        Assert.Equal($$"""{"records":4,"facts":{{facts}}}""", detail);
    }

    [Theory]
    [InlineData("xyz", 400, "/personId", "person-id")]
    [InlineData("P12x", 400, "/personId", "person-id")]
    [InlineData("P999999999", 404, null, "unknown-person")]
    public async Task Read_BadOrUnknownPerson_IsRefusedWithItsCode(string personId, int status, string? pointer, string code)
    {
        var refused = await ReadAsync("admin", personId);

        await AssertRefusedUnauditedAsync(refused, status, code, pointer, "person.read");
    }

    [Fact]
    public async Task Read_WithoutPurpose_Returns400PointingAtTheHeader()
    {
        var refused = await ReadAsync("admin", purpose: null);

        Assert.Equal(400, refused.Status);
        Assert.Equal("/headers/X-Purpose", Assert.Single(refused.Json.GetProperty("errors").EnumerateArray()).GetProperty("path").GetString());
        Assert.Empty(await scenario.AuditAsync("person.read"));
    }

    [Theory]
    [InlineData("tax", 403)]
    [InlineData(null, 401)]
    public async Task Read_NeitherAdminNorHr_IsRefused(string? principal, int status)
    {
        var refused = await scenario.SendAsync(HttpMethod.Get, $"/api/persons/{scenario.WorkerId}", principal);

        Assert.Equal(status, refused.Status);
        Assert.DoesNotContain("李娜", refused.Body, StringComparison.Ordinal);
    }

    private static void AssertAttribute(JsonElement attribute, string value, (string Department, string Feed, string RecordId) source, string rule)
    {
        Assert.Equal(value, attribute.GetProperty("value").GetString());
        var from = attribute.GetProperty("source");
        Assert.Equal((source.Department, source.Feed, source.RecordId, 1, rule), (from.GetProperty("department").GetString(),
            from.GetProperty("feed").GetString(), from.GetProperty("recordId").GetString(), from.GetProperty("version").GetInt32(),
            attribute.GetProperty("rule").GetString()));
    }
}
