using IntegrationHub.Identity.Matching;

namespace IntegrationHub.Tests.Identity.Matching;

public sealed class MatchModelProviderTests() : IntakeHarnessTests(new Dictionary<string, string?>
{
    ["Identity:Matching:Overrides:Phone:M:0"] = "0.5",
    ["Identity:Matching:Overrides:Phone:M:1"] = "0.5",
})
{
    [Fact]
    public async Task CurrentAsync_NoFitStored_IsTheDefaultWithTheOverrides()
    {
        var provider = Provider();

        await using var connection = await hub.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var model = await provider.CurrentAsync(connection, null, TestContext.Current.CancellationToken);

        Assert.Equal(MatchModel.Default().Weight(MatchField.Name, 0), model.Weight(MatchField.Name, 0), 12);
        Assert.Equal([0.5, 0.5], model.M[MatchField.Phone]);
    }

    [Fact]
    public async Task CurrentAsync_FitsStored_UsesTheNewestButTheOverrideWins()
    {
        var older = MatchModel.Default();
        older.M[MatchField.Name] = [0.5, 0.1, 0.1, 0.1, 0.2];
        var newer = MatchModel.Default();
        newer.M[MatchField.Name] = [0.9, 0.025, 0.025, 0.025, 0.025];
        newer.M[MatchField.Phone] = [0.99, 0.01];
        await StoreAsync(older);
        await StoreAsync(newer);
        var provider = Provider();
        provider.Invalidate();

        await using var connection = await hub.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var model = await provider.CurrentAsync(connection, null, TestContext.Current.CancellationToken);

        Assert.Equal(newer.Weight(MatchField.Name, 0), model.Weight(MatchField.Name, 0), 12);
        Assert.Equal([0.5, 0.5], model.M[MatchField.Phone]);
    }

    private MatchModelProvider Provider() => hub.Server.Services.GetRequiredService<MatchModelProvider>();

    private async Task StoreAsync(MatchModel model)
    {
        await using var command = hub.DataSource.CreateCommand("""
            INSERT INTO match_model_fit (fitted_at, pairs, records, links_seen, match_share, iterations, model)
            VALUES (now(), 5000, 1000, 1000, 0.2, 40, @model::jsonb)
            """);
        command.Parameters.AddWithValue("model", MatchModelJson.Write(model));
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
