namespace IntegrationHub.Tests.Handler.Api;

public sealed class HealthFunctionTests
{
    [Fact]
    public async Task Get_DatabaseMigrated_Returns200WithVersions()
    {
        await using var server = await HubServer.StartAsync(await TestDatabase.CreateMigratedAsync("health_ok"));

        using var response = await server.Client.GetAsync(new Uri("/api/health", UriKind.Relative), TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        ResponseCapture.Save("Health", text);
        using var body = JsonDocument.Parse(text);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(body.RootElement.GetProperty("databaseReachable").GetBoolean());
        Assert.Equal(MigrationCatalog.LatestVersion, body.RootElement.GetProperty("schemaVersion").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("version").GetString()));
    }

    [Fact]
    public async Task Get_DatabaseDown_Returns503WithReason()
    {
        // A port nothing listens on: the database is "down".
        var unreachable = "Host=127.0.0.1;Port=1;Username=postgres;Password=x;Database=hub;Timeout=2";
        await using var server = await HubServer.StartAsync(unreachable, new Dictionary<string, string?> { ["Database:MigrateOnStart"] = "false" });

        using var response = await server.Client.GetAsync(new Uri("/api/health", UriKind.Relative), TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        ResponseCapture.Save("Health", text);
        using var body = JsonDocument.Parse(text);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.False(body.RootElement.GetProperty("databaseReachable").GetBoolean());
        Assert.Contains("database unreachable", body.RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_DatabaseNotMigrated_Returns503NamingTheSchemaVersions()
    {
        await using var server = await HubServer.StartAsync(await TestDatabase.CreateEmptyAsync("health_empty"),
            new Dictionary<string, string?> { ["Database:MigrateOnStart"] = "false" });

        using var response = await server.Client.GetAsync(new Uri("/api/health", UriKind.Relative), TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        ResponseCapture.Save("Health", text);
        using var body = JsonDocument.Parse(text);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("version 0", body.RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }
}
