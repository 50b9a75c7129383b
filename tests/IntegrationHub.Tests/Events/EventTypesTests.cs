using System.Text.Json;
using IntegrationHub.Events;
using IntegrationHub.Tests.Infrastructure;

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
        // An event about a person names it; the feed alerts are about a feed and name it instead.
        var required = schema.RootElement.GetProperty("required").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains(type == EventTypes.EmployerLayoffWarning ? "creditCode" : EventTypes.NotAboutPersons.Contains(type) ? "feed" : "personId",
            required);
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
