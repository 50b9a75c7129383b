using IntegrationHub.Identity;

namespace IntegrationHub.Tests.Identity;

public sealed class PersonIdTests
{
    [Theory]
    [InlineData(650L, "P000000650")]
    [InlineData(1L, "P000000001")]
    [InlineData(1234567890L, "P1234567890")]
    public void Format_Id_IsPAndAtLeastNineDigitsMatchingThePattern(long id, string formatted)
    {
        Assert.Equal(formatted, PersonId.Format(id));
        Assert.Matches(PersonId.Pattern, PersonId.Format(id));
        Assert.True(PersonId.TryParse(formatted, out var back));
        Assert.Equal(id, back);
    }

    [Theory]
    [InlineData("P650", true)]
    [InlineData("650", false)]
    [InlineData("P", false)]
    [InlineData("P-1", false)]
    [InlineData("P 650", false)]
    [InlineData("P６５０", false)]
    [InlineData("P99999999999999999999", false)]
    [InlineData("p000000650", false)]
    public void TryParse_Text_AcceptsOnlyPAndDigits(string text, bool accepted) => Assert.Equal(accepted, PersonId.TryParse(text, out _));

    /// <summary>The contracts say the same form as the code: every person id in an event's data, and its subject.</summary>
    [Fact]
    public void Pattern_EveryPersonIdInTheEventContracts_IsThePattern()
    {
        var directory = Path.Combine(RepositoryPaths.Root, "contracts", "events");
        var patterns = new List<string>();
        foreach (var file in Directory.GetFiles(directory, "cn.*.schema.json"))
        {
            var properties = JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetProperty("properties");
            foreach (var name in new[] { "personId", "mergedInto", "newPersonId" })
            {
                if (properties.TryGetProperty(name, out var property))
                {
                    patterns.Add(property.GetProperty("pattern").GetString()!);
                }
            }

            if (properties.TryGetProperty("members", out var members))
            {
                patterns.Add(members.GetProperty("items").GetProperty("pattern").GetString()!);
            }
        }

        // The subject is a person id, or (feeds, employers) a prefixed key: the person alternative is the pattern itself.
        var envelope = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "cloudevent.schema.json"))).RootElement;
        var subject = envelope.GetProperty("properties").GetProperty("subject").GetProperty("pattern").GetString()!;

        Assert.True(patterns.Count >= 17);
        Assert.All(patterns, p => Assert.Equal(PersonId.Pattern, p));
        Assert.StartsWith("^(" + PersonId.Pattern[1..^1] + "|", subject, StringComparison.Ordinal);
        Assert.Matches(new Regex(PersonId.Pattern), PersonId.Format(650));
    }
}
