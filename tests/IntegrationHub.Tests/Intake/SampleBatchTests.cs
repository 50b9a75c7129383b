namespace IntegrationHub.Tests.Intake;

/// <summary>Every contract sample through the real HTTP intake: valid ones accepted whole, invalid ones exactly as expected.</summary>
public sealed class SampleBatchTests : IntakeHarnessTests
{
    public static TheoryData<string, string> Feeds()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Samples, "*.valid.json", SearchOption.AllDirectories).Order())
        {
            data.Add(Path.GetFileName(Path.GetDirectoryName(file))!, Path.GetFileName(file)[..^".valid.json".Length]);
        }

        return data;
    }

    /// <summary>The NDJSON samples (<c>{feed}.valid.ndjson</c>): the README's streamed example sends one, and <c>./hub up</c> loads them.</summary>
    public static TheoryData<string, string> NdjsonFeeds()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Samples, "*.valid.ndjson", SearchOption.AllDirectories).Order())
        {
            data.Add(Path.GetFileName(Path.GetDirectoryName(file))!, Path.GetFileName(file)[..^".valid.ndjson".Length]);
        }

        return data;
    }

    [Fact]
    public void Samples_CoverEveryFeedOfTheCatalogue() => Assert.Equal(FeedSchemas(), Feeds().Count);

    [Fact]
    public void NdjsonSamples_CoverEveryFeedOfTheCatalogue() => Assert.Equal(FeedSchemas(), NdjsonFeeds().Count);

    /// <summary>The feeds of the catalogue: nine (hr/monitored-enterprise since issue 18), one schema each under its department's folder.</summary>
    private static int FeedSchemas()
    {
        var count = Directory.EnumerateDirectories(Path.Combine(RepositoryPaths.Root, "contracts", "feeds"))
            .Sum(department => Directory.EnumerateFiles(department, "*.v1.schema.json").Count());
        Assert.Equal(9, count);
        return count;
    }

    [Theory]
    [MemberData(nameof(Feeds))]
    public async Task Submit_ValidSample_AcceptsEveryRecord(string department, string feed)
    {
        var body = IntakeHarness.Sample(department, feed, "valid");
        var count = JsonDocument.Parse(body).RootElement.GetProperty("records").GetArrayLength();

        var response = await hub.PostJsonAsync(department, feed, body);

        Assert.True(response.Status == 200, response.Body);
        Assert.Equal(count, response.Json.GetProperty("received").GetInt32());
        Assert.Equal(count, response.Json.GetProperty("accepted").GetInt32());
        Assert.Equal(0, response.Json.GetProperty("rejected").GetInt32());
    }

    [Theory]
    [MemberData(nameof(NdjsonFeeds))]
    public async Task Submit_ValidNdjsonSample_AcceptsEveryRecord(string department, string feed)
    {
        var body = File.ReadAllText(Path.Combine(RepositoryPaths.Samples, department, $"{feed}.valid.ndjson"));
        var count = body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1;

        var response = await hub.PostNdjsonAsync(department, feed, body);

        Assert.True(response.Status == 200, response.Body);
        Assert.Equal(count, response.Json.GetProperty("received").GetInt32());
        Assert.Equal(count, response.Json.GetProperty("accepted").GetInt32());
        Assert.Equal(0, response.Json.GetProperty("rejected").GetInt32());
        Assert.Equal(0, response.Json.GetProperty("warnings").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Feeds))]
    public async Task Submit_InvalidSample_ReportsEachExpectedProblem(string department, string feed)
    {
        var body = IntakeHarness.Sample(department, feed, "invalid");
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Samples, department, $"{feed}.invalid.expected.json")));

        var response = await hub.PostJsonAsync(department, feed, body);

        Assert.True(response.Status == 200, response.Body);
        var reported = response.Json.GetProperty("records").EnumerateArray().ToDictionary(r => r.GetProperty("recordId").GetString()!);
        foreach (var expectation in expected.RootElement.EnumerateObject())
        {
            Assert.True(reported.TryGetValue(expectation.Name, out var record), $"{expectation.Name} is not in the report: {response.Body}");
            Assert.Equal(expectation.Value.GetProperty("outcome").GetString(), record.GetProperty("outcome").GetString());
            var errors = record.GetProperty("errors").EnumerateArray()
                .Select(e => (e.GetProperty("code").GetString(), e.GetProperty("path").GetString())).ToList();
            Assert.Contains((expectation.Value.GetProperty("code").GetString(), expectation.Value.GetProperty("path").GetString()), errors);
        }

        var rejectedExpected = expected.RootElement.EnumerateObject().Count(e => e.Value.GetProperty("outcome").GetString() == "rejected");
        Assert.Equal(rejectedExpected, response.Json.GetProperty("rejected").GetInt32());
    }
}
