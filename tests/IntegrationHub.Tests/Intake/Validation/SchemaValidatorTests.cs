using IntegrationHub.Intake.Feeds;
using NJsonSchema.Validation;

namespace IntegrationHub.Tests.Intake.Validation;

public sealed class SchemaValidatorTests
{
    private static readonly Lazy<Task<FeedCatalog>> Catalog = new(() =>
        FeedCatalog.LoadAsync(Path.Combine(RepositoryPaths.Root, "contracts"), CancellationToken.None));

    /// <summary>
    /// The compiled validator must find a problem exactly where NJsonSchema's own validator does, on every sample record
    /// (NJsonSchema ignores draft-07 if/then, so conditional requirements are compared separately).
    /// </summary>
    [Fact]
    public async Task Validate_EverySampleRecord_AgreesWithNJsonSchema()
    {
        var catalog = await Catalog.Value;
        var compared = 0;
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Samples, "*.json", SearchOption.AllDirectories)
                     .Where(f => !f.EndsWith(".expected.json", StringComparison.Ordinal)))
        {
            var department = Path.GetFileName(Path.GetDirectoryName(file))!;
            var feedName = Path.GetFileName(file).Split('.')[0];
            Assert.True(catalog.TryGet(department, feedName, out var feed), $"{department}/{feedName}");
            var validator = feed.Versions["1"];
            using var batch = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var record in batch.RootElement.GetProperty("records").EnumerateArray())
            {
                var ours = new List<FieldError>();
                validator.Validate(record, "", ours);
                var theirs = validator.Source.Validate(record.GetRawText());
                var conditional = ours.Count(e => e.Code == "required" && !theirs.Any(t => t.Kind == ValidationErrorKind.PropertyRequired));
                Assert.Equal(theirs.Count > 0, ours.Count - conditional > 0);
                compared++;
            }
        }

        Assert.True(compared > 100, $"only {compared} records compared");
    }

    [Fact]
    public async Task Validate_EmploymentWithoutEmployer_RequiresTheEmployerFields()
    {
        var catalog = await Catalog.Value;
        catalog.TryGet("hr", "employment-registration", out var feed);
        using var record = JsonDocument.Parse("""
            {"recordId":"R1","name":"张伟","eventType":"employment","eventDate":"2026-03-01","registrationRegion":"500103"}
            """);
        var errors = new List<FieldError>();

        feed.Versions["1"].Validate(record.RootElement, "/records/0", errors);

        Assert.Equal(3, errors.Count(e => e.Code == "required" && e.Path == "/records/0"));
        Assert.Contains(errors, e => e.Message.Contains("employerCreditCode", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Validate_WrongTypeAndUnknownField_PointsAtEachField()
    {
        var catalog = await Catalog.Value;
        catalog.TryGet("tax", "wage-withholding", out var feed);
        using var record = JsonDocument.Parse("""
            {"recordId":"T1","idNumber":110105194912310021,"name":"李娜","employerCreditCode":"91500000MA5U7Q8X9L","employerName":"某公司",
             "period":"2026-05","incomeType":"wages","incomeBand":"B","salary":8000}
            """);
        var errors = new List<FieldError>();

        feed.Versions["1"].Validate(record.RootElement, "", errors);

        Assert.Contains(new FieldError("/idNumber", "type", "expected string, got number"), errors);
        Assert.Contains(errors, e => e is { Path: "/salary", Code: "unknown-field" });
    }
}
