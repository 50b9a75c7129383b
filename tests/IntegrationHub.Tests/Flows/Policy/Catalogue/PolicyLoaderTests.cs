using IntegrationHub.Flows.Policy.Catalogue;
using IntegrationHub.Intake.Rules;

namespace IntegrationHub.Tests.Flows.Policy.Catalogue;

public sealed class PolicyLoaderTests : IDisposable
{
    private static readonly AreaCodes Areas = ReferenceData.Load(ReferenceData.DefaultDirectory(RepositoryPaths.Root)).Areas;
    private readonly PolicyFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task LoadAsync_ShippedCatalogue_LoadsTheSixPoliciesEachCitingItsBasis()
    {
        var (catalogue, errors) = await PolicyLoader.LoadAsync(PolicyFolder.Shipped, Areas, Token);

        Assert.Empty(errors);
        Assert.Equal(
            ["difficulty-flexible-insurance-subsidy", "employer-graduate-insurance-subsidy", "employer-job-expansion-subsidy",
             "graduate-flexible-insurance-subsidy", "job-seeking-subsidy", "zero-employment-household-assistance"],
            catalogue!.Ids);
        Assert.All(catalogue.Documents, d => Assert.NotEmpty(d.Document["legalBasis"]!.AsArray()));
        Assert.Equal(24, catalogue.InEffect("graduate-flexible-insurance-subsidy", new DateOnly(2026, 11, 20))!.Cap!.Months);
        Assert.Equal(PolicySubject.Employer, catalogue.InEffect("employer-job-expansion-subsidy", new DateOnly(2026, 11, 20))!.Subject);
        Assert.Equal((12, PolicyCap.PerEmployee),
            catalogue.InEffect("employer-graduate-insurance-subsidy", new DateOnly(2026, 11, 20))!.Cap is { } cap ? (cap.Months, cap.Per) : default);
    }

    [Fact]
    public async Task LoadAsync_SyntaxError_RefusedNamingFileAndLine()
    {
        folder.Write("broken.json", "{\n  \"id\": \"broken\",\n  \"version\": 1,,\n}");

        var errors = await RefusedAsync();

        var error = Assert.Single(errors);
        Assert.Equal(("broken.json", "", "json-syntax"), (error.File, error.Pointer, error.Code));
        Assert.Contains("line 3", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_UnknownFact_RefusedWithItsPointer()
    {
        var policy = PolicyFolder.Minimal();
        policy["rule"] = new JsonObject { ["all"] = new JsonArray(
            new JsonObject { ["fact"] = "person.age", ["ge"] = 16 },
            new JsonObject { ["fact"] = "person.shoeSize", ["ge"] = 40 }) };
        folder.Write("test.json", policy);

        await AssertRefusedAsync("test.json", "/rule/all/1/fact", "unknown-fact", "person.shoeSize");
    }

    [Fact]
    public async Task LoadAsync_CapPerEmployeeOnPersonPolicy_RefusedWithItsPointer()
    {
        var policy = PolicyFolder.Minimal();
        policy["cap"] = new JsonObject { ["months"] = 12, ["monthCounts"] = "calendar-month-eligible", ["per"] = "employee" };
        folder.Write("test.json", policy);

        await AssertRefusedAsync("test.json", "/cap/per", "invalid-cap");
    }

    [Theory]
    [InlineData("person.age", "ge", "\"sixteen\"", "/rule/ge")]
    [InlineData("person.hukouRegion", "lt", "\"50\"", "/rule/lt")]
    [InlineData("household.zeroEmployment", "eq", "1", "/rule/eq")]
    [InlineData("difficulty.categories", "includes", "[\"disabled\"]", "/rule/includes")]
    public async Task LoadAsync_TypeMismatch_RefusedWithItsPointer(string fact, string op, string value, string pointer)
    {
        var policy = PolicyFolder.Minimal();
        policy["rule"] = new JsonObject { ["fact"] = fact, [op] = JsonNode.Parse(value) };
        folder.Write("test.json", policy);

        await AssertRefusedAsync("test.json", pointer, "type-mismatch");
    }

    [Fact]
    public async Task LoadAsync_EmployerFactInPersonPolicy_RefusedAsUnknownThere()
    {
        var policy = PolicyFolder.Minimal();
        policy["rule"] = new JsonObject { ["employees"] = new JsonObject { ["fact"] = "spell.open", ["eq"] = true } };
        folder.Write("test.json", policy);

        var error = Assert.Single(await RefusedAsync());

        Assert.Equal(("/rule/employees", "rule-syntax"), (error.Pointer, error.Code));
    }

    [Fact]
    public async Task LoadAsync_OverlappingVersions_RefusedNamingBoth()
    {
        WriteTwoVersions(secondFrom: "2026-12-31");

        await AssertRefusedAsync("b.json", "/effectiveFrom", "overlapping-versions", "a.json");
    }

    [Fact]
    public async Task LoadAsync_ConsecutiveVersions_AreOneCatalogue()
    {
        WriteTwoVersions(secondFrom: "2027-01-01");

        var (catalogue, errors) = await PolicyLoader.LoadAsync(folder.Path, Areas, Token);

        Assert.Empty(errors);
        Assert.Equal(1, catalogue!.InEffect("test-policy", new DateOnly(2026, 12, 31))!.Version);
        Assert.Equal(2, catalogue.InEffect("test-policy", new DateOnly(2027, 1, 1))!.Version);
    }

    [Theory]
    [InlineData("99")]
    [InlineData("5099")]
    public async Task LoadAsync_RegionThatDoesNotExist_Refused(string region)
    {
        var policy = PolicyFolder.Minimal();
        policy["regions"] = new JsonArray("50", region);
        folder.Write("test.json", policy);

        var error = Assert.Single(await RefusedAsync());

        Assert.Equal(("/regions/1", "unknown-region"), (error.Pointer, error.Code));
    }

    [Fact]
    public async Task LoadAsync_SchemaViolation_RefusedWithItsPointer()
    {
        var policy = PolicyFolder.Minimal();
        policy["subject"] = "household";
        folder.Write("test.json", policy);

        var error = Assert.Single(await RefusedAsync());

        Assert.Equal("/subject", error.Pointer);
        Assert.StartsWith("schema-", error.Code, StringComparison.Ordinal);
    }

    /// <summary>Writes versions 1 (in a.json, in effect to the end of 2026) and 2 (in b.json, from
    /// <paramref name="secondFrom"/>) of the minimal policy.</summary>
    private void WriteTwoVersions(string secondFrom)
    {
        var first = PolicyFolder.Minimal(version: 1);
        first["effectiveTo"] = "2026-12-31";
        var second = PolicyFolder.Minimal(version: 2);
        second["effectiveFrom"] = secondFrom;
        folder.Write("a.json", first);
        folder.Write("b.json", second);
    }

    /// <summary>Asserts the folder is refused for exactly one problem: in that file, at that pointer, with that code, its
    /// reason naming <paramref name="mentions"/> when given.</summary>
    private async Task AssertRefusedAsync(string file, string pointer, string code, string? mentions = null)
    {
        var error = Assert.Single(await RefusedAsync());
        Assert.Equal((file, pointer, code), (error.File, error.Pointer, error.Code));
        if (mentions is not null)
        {
            Assert.Contains(mentions, error.Reason, StringComparison.Ordinal);
        }
    }

    private async Task<IReadOnlyList<PolicyLoadError>> RefusedAsync()
    {
        var (catalogue, errors) = await PolicyLoader.LoadAsync(folder.Path, Areas, Token);
        Assert.Null(catalogue);
        return errors;
    }
}
