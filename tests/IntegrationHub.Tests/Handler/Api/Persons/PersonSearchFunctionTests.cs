namespace IntegrationHub.Tests.Handler.Api.Persons;

/// <summary><c>POST /api/persons/search</c>: by number or by name and birth date, for the admin and hr only, the number masked for
/// hr, every search audited with its purpose and never with what was searched for, every bad query refused with its pointer.</summary>
public sealed class PersonSearchFunctionTests : PersonReadScenarioTests
{
    [Fact]
    public async Task Search_IdNumberAsAdmin_FindsThePersonWithTheWholeNumber()
    {
        var found = await scenario.SearchAsync("admin", new JsonObject { ["idNumber"] = PersonReadScenario.Worker });

        Assert.Equal(200, found.Status);
        var person = Assert.Single(found.Json.GetProperty("persons").EnumerateArray());
        Assert.Equal(scenario.WorkerId, person.GetProperty("personId").GetString());
        Assert.Equal("李娜", person.GetProperty("name").GetString());
        Assert.Equal("1990-03-15", person.GetProperty("birthDate").GetString());
        Assert.Equal(PersonReadScenario.Worker, person.GetProperty("idNumber").GetString());
        Assert.False(person.GetProperty("idNumberMasked").GetBoolean());
        Assert.Equal(4, person.GetProperty("records").GetInt32());
    }

    [Fact]
    public async Task Search_IdNumberAsHr_MasksTheNumberEverywhereInTheAnswer()
    {
        var found = await scenario.SearchAsync("hr", new JsonObject { ["idNumber"] = PersonReadScenario.Worker });

        Assert.Equal(200, found.Status);
        var person = Assert.Single(found.Json.GetProperty("persons").EnumerateArray());
        Assert.Equal(IdentityProtector.Mask(PersonReadScenario.Worker), person.GetProperty("idNumber").GetString());
        Assert.True(person.GetProperty("idNumberMasked").GetBoolean());
        Assert.DoesNotContain(PersonReadScenario.Worker, found.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_NameAndBirthDate_FindsOnlyTheNamesakeBornThatDay()
    {
        var worker = await scenario.SearchAsync("hr", new JsonObject { ["name"] = "李娜", ["birthDate"] = "1990-03-15" });
        var namesake = await scenario.SearchAsync("hr", new JsonObject { ["name"] = "李娜", ["birthDate"] = "1992-01-01" });
        var nobody = await scenario.SearchAsync("hr", new JsonObject { ["name"] = "李娜", ["birthDate"] = "1990-03-16" });

        Assert.Equal(scenario.WorkerId, Assert.Single(worker.Json.GetProperty("persons").EnumerateArray()).GetProperty("personId").GetString());
        Assert.Equal(IntegrationHub.Identity.PersonId.Format(scenario.NamesakePerson),
            Assert.Single(namesake.Json.GetProperty("persons").EnumerateArray()).GetProperty("personId").GetString());
        Assert.Empty(nobody.Json.GetProperty("persons").EnumerateArray());
    }

    [Fact]
    public async Task Search_Any_IsAuditedWithReaderAndPurposeButNotTheQuery()
    {
        await scenario.SearchAsync("hr", new JsonObject { ["idNumber"] = PersonReadScenario.Worker });

        var (actor, purpose, subject, detail) = Assert.Single(await scenario.AuditAsync("person.search"));
        Assert.Equal(("hr", PersonReadScenario.Purpose, null), (actor, purpose, subject));
        Assert.Equal("""{"by":"id-number","found":1}""", detail);
    }

    [Theory]
    [InlineData("""{"idNumber": "50010319900315"}""", "/idNumber", "id-format")]
    [InlineData("""{"idNumber": "500103199003150A22"}""", "/idNumber", "id-format")]
    [InlineData("""{"idNumber": "500103199003150222", "name": "李娜"}""", "", "one-criterion")]
    [InlineData("""{}""", "", "required")]
    [InlineData("""{"name": "李娜"}""", "/birthDate", "required")]
    [InlineData("""{"birthDate": "1990-03-15"}""", "/name", "required")]
    [InlineData("""{"name": "李娜", "birthDate": "1990-02-30"}""", "/birthDate", "date-invalid")]
    [InlineData("""{"name": "李娜", "birthDate": "15/03/1990"}""", "/birthDate", "date-invalid")]
    [InlineData("""{"name": "  ", "birthDate": "1990-03-15"}""", "/name", "name-empty")]
    [InlineData("""{"name": "李娜\u0007", "birthDate": "1990-03-15"}""", "/name", "control-character")]
    [InlineData("""{"idNumber": 500103199003150222}""", "/idNumber", "type")]
    [InlineData("""{"idNumber": "1", "idNumber": "2"}""", "/idNumber", "duplicate-key")]
    [InlineData("""null""", "", "required")]
    public async Task Search_BadQuery_Returns400WithPointerAndNeverEchoesIt(string body, string pointer, string code)
    {
        var refused = await scenario.SendAsync(HttpMethod.Post, "/api/persons/search", "admin", body);

        Assert.Equal(400, refused.Status);
        var error = Assert.Single(refused.Json.GetProperty("errors").EnumerateArray());
        Assert.Equal((pointer, code), (error.GetProperty("path").GetString(), error.GetProperty("code").GetString()));
        Assert.DoesNotContain("50010319900315", refused.Body, StringComparison.Ordinal);
        Assert.Empty(await scenario.AuditAsync("person.search"));
        Assert.Single(await scenario.AuditAsync("person.read.refused"));
    }

    [Theory]
    [InlineData(null, "purpose-required")]
    [InlineData("   ", "purpose-required")]
    [InlineData("case of 500103199003150222", "purpose-holds-id-number")]
    [InlineData("line%0Abreak%00", "control-character")]
    public async Task Search_MissingOrBadPurpose_Returns400PointingAtTheHeader(string? purpose, string code)
    {
        var refused = await scenario.SearchAsync("admin", new JsonObject { ["idNumber"] = PersonReadScenario.Worker }, purpose);

        Assert.Equal(400, refused.Status);
        var error = Assert.Single(refused.Json.GetProperty("errors").EnumerateArray());
        Assert.Equal(("/headers/X-Purpose", code), (error.GetProperty("path").GetString(), error.GetProperty("code").GetString()));
        Assert.Empty(await scenario.AuditAsync("person.search"));
        Assert.DoesNotContain("500103199003150222", Assert.Single(await scenario.AuditAsync("person.read.refused")).Detail,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_ChinesePurposePercentEncoded_IsAuditedDecoded()
    {
        await scenario.SearchAsync("admin", new JsonObject { ["name"] = "李娜", ["birthDate"] = "1990-03-15" }, "核对失业登记");

        Assert.Equal("核对失业登记", Assert.Single(await scenario.AuditAsync("person.search")).Purpose);
    }

    [Theory]
    [InlineData("edu", 403)]
    [InlineData("tax", 403)]
    [InlineData(null, 401)]
    public async Task Search_NeitherAdminNorHr_IsRefused(string? principal, int status)
    {
        var refused = await scenario.SendAsync(HttpMethod.Post, "/api/persons/search", principal,
            new JsonObject { ["idNumber"] = PersonReadScenario.Worker }.ToJsonString());

        Assert.Equal(status, refused.Status);
        Assert.Empty(await scenario.AuditAsync("person.search"));
    }
}
