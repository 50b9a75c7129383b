using IntegrationHub.Flows.Exchange;
using IntegrationHub.Flows.Exchange.Rules;

namespace IntegrationHub.Tests.Flows.Exchange.Rules;

public sealed class RuleCatalogTests
{
    private static string Shipped => Path.Combine(RepositoryPaths.Root, "contracts", "comparison-rules");

    [Fact]
    public async Task Load_ShippedCatalogue_HasEveryRuleOfTheIssueForItsDepartments()
    {
        var catalog = await RuleCatalog.LoadAsync(Shipped, TestContext.Current.CancellationToken);

        Assert.Equal(["assistance-while-wages", "deceased-with-open-case", "destination-contradicted", "invalid-id-matched", "number-change",
            "unemployed-while-paid"],
            catalog.Rules.Select(r => r.Id));
        Assert.Equal(["hr", "ca"], catalog.Find("deceased-with-open-case")!.Departments);
        Assert.Equal(3, catalog.Find("assistance-while-wages")!.Parameters.ConsecutiveMonths);
        Assert.All(catalog.Rules, r => Assert.NotEmpty(r.LegalBasis));
    }

    [Theory]
    [InlineData("\"consecutiveMonths\": 3", "\"consecutiveMonths\": 0", "/parameters/consecutiveMonths")]
    [InlineData("\"kind\": \"assistance-while-wages\"", "\"kind\": \"guess\"", "/kind")]
    [InlineData("\"id\": \"assistance-while-wages\"", "\"id\": \"another-id\"", "/id")]
    public async Task Load_BadRuleFile_RefusesNamingFilePointerAndReason(string from, string to, string pointer)
    {
        var directory = Directory.CreateTempSubdirectory("rules-").FullName;
        try
        {
            File.Copy(Path.Combine(Shipped, RuleCatalog.SchemaFile), Path.Combine(directory, RuleCatalog.SchemaFile));
            var text = File.ReadAllText(Path.Combine(Shipped, "assistance-while-wages.json"));
            Assert.Contains(from, text, StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(directory, "assistance-while-wages.json"), text.Replace(from, to, StringComparison.Ordinal));

            var refused = await Assert.ThrowsAsync<RuleCatalogException>(() => RuleCatalog.LoadAsync(directory, TestContext.Current.CancellationToken));

            Assert.Equal(("assistance-while-wages.json", pointer), (refused.File, refused.Pointer));
            Assert.NotEmpty(refused.Reason);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Start_BadRuleFile_RefusesTheStartNamingTheFile()
    {
        var directory = Directory.CreateTempSubdirectory("rules-").FullName;
        try
        {
            File.Copy(Path.Combine(Shipped, RuleCatalog.SchemaFile), Path.Combine(directory, RuleCatalog.SchemaFile));
            File.WriteAllText(Path.Combine(directory, "number-change.json"),
                File.ReadAllText(Path.Combine(Shipped, "number-change.json")).Replace("\"tax\", \"hr\"", "\"tax\", \"police\"", StringComparison.Ordinal));
            var connection = await TestDatabase.CreateMigratedAsync(nameof(Start_BadRuleFile_RefusesTheStartNamingTheFile));

            var refused = await Assert.ThrowsAsync<RuleCatalogException>(() =>
                HubServer.StartAsync(connection, new Dictionary<string, string?> { ["DepartmentExchange:RulesDirectory"] = directory }));

            Assert.Equal(("number-change.json", "/departments/1"), (refused.File, refused.Pointer));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("DepartmentExchange:Deliveries:hr", "0 0 25 * * *")]
    [InlineData("DepartmentExchange:Deliveries:hr", "nightly")]
    [InlineData("DepartmentExchange:Deliveries:police", "0 0 2 * * *")]
    [InlineData("DepartmentExchange:Feeds:tax:wage-withholding:Due", "by the 15th")]
    [InlineData("DepartmentExchange:Feeds:tax:wage-withholding:AnomalousBelow", "1.5")]
    [InlineData("DepartmentExchange:IndicatorFeeds:0", "police/wages")]
    [InlineData("DepartmentExchange:IndicatorFeeds:0", "tax")]
    public async Task Start_MalformedSchedule_RefusesNamingTheKey(string key, string value)
    {
        var connection = await TestDatabase.CreateMigratedAsync(nameof(RuleCatalogTests) + key.Length + value.Length);

        var refused = await Assert.ThrowsAsync<ExchangeConfigurationException>(() =>
            HubServer.StartAsync(connection, new Dictionary<string, string?> { [key] = value }));

        Assert.Equal(key, refused.Key);
        Assert.NotEmpty(refused.Reason);
    }
}
