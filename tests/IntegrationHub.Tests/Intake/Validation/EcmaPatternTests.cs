using IntegrationHub.Intake.Validation;

namespace IntegrationHub.Tests.Intake.Validation;

public sealed class EcmaPatternTests
{
    /// <summary>
    /// Every pattern of every feed schema that is anchored at its end, tried on each value the valid samples give its field:
    /// the value matches, and the same value with a trailing line feed does not (in ECMA-262 <c>$</c> is the very end).
    /// </summary>
    [Fact]
    public void Compile_EverySchemaPatternOnSampleValuesWithATrailingNewline_DoesNotMatch()
    {
        var patterns = new List<(string Field, string Pattern)>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "contracts", "feeds"), "*.schema.json", SearchOption.AllDirectories))
        {
            using var schema = JsonDocument.Parse(File.ReadAllText(file));
            CollectPatterns(schema.RootElement, null, patterns);
        }

        var values = new List<(string Field, string Value)>();
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Samples, "*.valid.json", SearchOption.AllDirectories))
        {
            using var sample = JsonDocument.Parse(File.ReadAllText(file));
            CollectStrings(sample.RootElement, null, values);
        }

        var tried = 0;
        var dotnetWouldHaveMatched = 0;
        foreach (var (field, pattern) in patterns.Distinct().Where(p => p.Pattern.EndsWith('$') && !p.Pattern.EndsWith(@"\$", StringComparison.Ordinal)))
        {
            var compiled = EcmaPattern.Compile(pattern);
            foreach (var value in values.Where(v => v.Field == field).Select(v => v.Value).Distinct().Where(v => compiled.IsMatch(v)))
            {
                Assert.False(compiled.IsMatch(value + "\n"), $"{field}: {pattern} matched '{value}\\n'");
                dotnetWouldHaveMatched += new Regex(pattern).IsMatch(value + "\n") ? 1 : 0;
                tried++;
            }
        }

        Assert.True(patterns.Count > 20, $"only {patterns.Count} patterns found");
        Assert.True(tried > 30, $"only {tried} pattern-value pairs tried");
        Assert.True(dotnetWouldHaveMatched > 0, "no pair shows the difference the translation removes");
    }

    [Theory]
    [InlineData("^[0-9]{6}$", "500103", true)]
    [InlineData("^[0-9]{6}$", "500103\n", false)]
    [InlineData(@"^\d{3}$", "１２３", false)]
    [InlineData(@"^\d{3}$", "123", true)]
    [InlineData(@"^[\d-]+$", "1-2", true)]
    [InlineData(@"^\w+$", "é", false)]
    [InlineData(@"^a\$$", "a$", true)]
    [InlineData("^[$]$", "$", true)]
    [InlineData("^[^0-9]$", "\n", true)]
    public void Compile_EcmaSemantics_GivesTheEcmaVerdict(string pattern, string value, bool expected) =>
        Assert.Equal(expected, EcmaPattern.Compile(pattern).IsMatch(value));

    private static void CollectPatterns(JsonElement element, string? field, List<(string, string)> found)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == "pattern" && property.Value.ValueKind == JsonValueKind.String && field is not null)
                {
                    found.Add((field, property.Value.GetString()!));
                }
                else if (property.Name == "properties" && property.Value.ValueKind == JsonValueKind.Object)
                {
                    foreach (var child in property.Value.EnumerateObject())
                    {
                        CollectPatterns(child.Value, child.Name, found);
                    }
                }
                else
                {
                    CollectPatterns(property.Value, field, found);
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                CollectPatterns(item, field, found);
            }
        }
    }

    private static void CollectStrings(JsonElement element, string? field, List<(string, string)> found)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    CollectStrings(property.Value, property.Name, found);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    CollectStrings(item, field, found);
                }

                break;
            case JsonValueKind.String when field is not null:
                found.Add((field, element.GetString()!));
                break;
        }
    }
}
