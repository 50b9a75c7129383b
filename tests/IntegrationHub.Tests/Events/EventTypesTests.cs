namespace IntegrationHub.Tests.Events;

public sealed class EventTypesTests
{
    public static TheoryData<string> Types => [.. EventTypes.All];

    [Theory]
    [MemberData(nameof(Types))]
    public void All_EachType_HasADataSchemaWhoseIdNamesIt(string type)
    {
        var path = Path.Combine(RepositoryPaths.Root, "contracts", "events", type + ".schema.json");

        using var schema = JsonDocument.Parse(File.ReadAllText(path));

        Assert.EndsWith("/" + type + ".schema.json", schema.RootElement.GetProperty("$id").GetString(), StringComparison.Ordinal);
        var required = schema.RootElement.GetProperty("required").EnumerateArray().Select(e => e.GetString()).ToList();
        var properties = schema.RootElement.GetProperty("properties");
        // An event about a person names it; the feed alerts name their feed, a layoff warning its employer, and a policy
        // decision (about a person or an employer) says which kind of subject it has and carries both fields.
        if (type == EventTypes.EmployerLayoffWarning || EventTypes.NotAboutPersons.Contains(type))
        {
            Assert.Contains(type == EventTypes.EmployerLayoffWarning ? "creditCode" : "feed", required);
        }
        else
        {
            Assert.True(required.Contains("personId")
                || (required.Contains("subjectKind") && properties.TryGetProperty("personId", out _)
                    && properties.TryGetProperty("creditCode", out _)),
                $"{type}: personId is required, or subjectKind with personId and creditCode");
        }
    }

    [Fact]
    public void All_EverySchemaInTheContracts_IsATypeTheHubEmits()
    {
        var documented = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "contracts", "events"), "cn.*.schema.json")
            .Select(f => Path.GetFileName(f)[..^".schema.json".Length]).Order(StringComparer.Ordinal);

        Assert.Equal(EventTypes.All.Order(StringComparer.Ordinal), documented);
    }

    [Fact]
    public void All_Names_AreReverseDnsAndVersioned()
    {
        Assert.All(EventTypes.All, type => Assert.Matches(@"^cn\.gov\.hrss\.hub\.[a-z-]+(\.[a-z-]+)+\.v[0-9]+$", type));
    }
}
