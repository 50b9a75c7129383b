using IntegrationHub.Flows.Graduates.Rules;
using IntegrationHub.Handler;

namespace IntegrationHub.Tests.Flows.Graduates.Rules;

public sealed class GraduateRulesLoaderTests
{
    private const string Valid = """
        {
          "district": { "source": "serving-region", "overrides": [ { "regionPrefix": "5001", "district": "500100" },
                                                                   { "regionPrefix": "500103", "district": "500103" } ] },
          "targets": { "followUpRate": 1, "serviceRate": 0.95, "placementRate": 0.85 },
          "rating": { "green": 0.85, "yellow": 0.7, "minimumGroupSize": 5, "ratingDate": "08-31" },
          "verificationExport": { "at": "23:30", "cohortsBack": 1 }
        }
        """;

    [Fact]
    public void Default_BuiltIn_IsTheIssuesDefaults()
    {
        var rules = GraduateRulesLoader.Default;

        Assert.Equal((DistrictRule.HukouRegion, 1.0, 1.0, 0.9), (rules.District.Source, rules.Targets.FollowUpRate, rules.Targets.ServiceRate,
            rules.Targets.PlacementRate));
        Assert.Equal((0.9, 0.8, 10, new DateOnly(2026, 12, 31)), (rules.Rating.Green, rules.Rating.Yellow, rules.Rating.MinimumGroupSize,
            rules.Rating.DateFor(2026)));
        Assert.Equal(new TimeOnly(2, 0), rules.VerificationExport.Time);
    }

    [Fact]
    public void Parse_ValidRules_ReadsEveryValueAndTheLongestOverrideWins()
    {
        var rules = GraduateRulesLoader.Parse(Valid, "rules.json");

        Assert.Equal("500100", rules.District.Apply("500106"));
        Assert.Equal("500103", rules.District.Apply("500103"));
        Assert.Equal("510107", rules.District.Apply("510107"));
        Assert.Equal(new DateOnly(2027, 8, 31), rules.Rating.DateFor(2027));
        Assert.Equal((0.95, 5, 1), (rules.Targets.ServiceRate, rules.Rating.MinimumGroupSize, rules.VerificationExport.CohortsBack));
    }

    [Theory]
    [InlineData("\"green\": 0.85", "\"green\": 1.5", "/rating/green")]
    [InlineData("\"yellow\": 0.7", "\"yellow\": 0.9", "/rating/yellow")]
    [InlineData("\"ratingDate\": \"08-31\"", "\"ratingDate\": \"02-29\"", "/rating/ratingDate")]
    [InlineData("\"ratingDate\": \"08-31\"", "\"ratingDate\": \"31-08\"", "/rating/ratingDate")]
    [InlineData("\"source\": \"serving-region\"", "\"source\": \"school-region\"", "/district/source")]
    [InlineData("\"at\": \"23:30\"", "\"at\": \"24:00\"", "/verificationExport/at")]
    [InlineData("\"minimumGroupSize\": 5", "\"minimumGroupSize\": 0", "/rating/minimumGroupSize")]
    public void Parse_BadValue_NamesTheFileThePointerAndTheReason(string from, string to, string pointer)
    {
        var refusal = Assert.Throws<GraduateRulesException>(() => GraduateRulesLoader.Parse(Valid.Replace(from, to, StringComparison.Ordinal), "rules.json"));

        Assert.Equal(("rules.json", pointer), (refusal.File, refusal.Pointer));
        Assert.Contains(pointer, refusal.Message, StringComparison.Ordinal);
        Assert.NotEmpty(refusal.Reason);
    }

    [Fact]
    public void Build_HubWithABadRulesFile_RefusesToStart()
    {
        var file = Path.Combine(Path.GetTempPath(), $"graduate-rules-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, Valid.Replace("\"yellow\": 0.7", "\"yellow\": 0.95", StringComparison.Ordinal));
        try
        {
            var refusal = Assert.Throws<GraduateRulesException>(() => HubApplication.Build([$"--Graduates:RulesFile={file}", "--urls=http://127.0.0.1:0"]));

            Assert.Equal((file, "/rating/yellow"), (refusal.File, refusal.Pointer));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
