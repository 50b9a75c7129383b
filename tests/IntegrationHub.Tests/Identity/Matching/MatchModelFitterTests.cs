using IntegrationHub.Identity.Matching;

namespace IntegrationHub.Tests.Identity.Matching;

public sealed class MatchModelFitterTests() : IntakeHarnessTests(new Dictionary<string, string?>
{
    ["Identity:Matching:MinimumFitPairs"] = "40",
    ["Identity:Matching:RandomPairsPerRecord"] = "5",
})
{
    private static readonly string[] Names = ["王芳", "李娜", "张伟", "刘洋", "陈静", "杨磊", "赵敏", "黄勇"];

    [Fact]
    public async Task FitAsync_TooFewCandidatePairs_StoresNothingAndTheDefaultStays()
    {
        await PopulateAsync(persons: 3);

        var fit = await Fitter().FitAsync(TestContext.Current.CancellationToken);

        Assert.Null(fit);
        Assert.Equal(0, await hub.CountAsync("SELECT count(*) FROM match_model_fit"));
        await using var connection = await hub.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var model = await hub.Server.Services.GetRequiredService<MatchModelProvider>().CurrentAsync(connection, null,
            TestContext.Current.CancellationToken);
        Assert.Equal(MatchModel.Default().Weight(MatchField.BirthDate, 0), model.Weight(MatchField.BirthDate, 0), 12);
    }

    [Fact]
    public async Task FitAsync_EnoughLinkedRecords_StoresWhatItWasFittedOnAndTheMatcherGetsIt()
    {
        await PopulateAsync(persons: 60);

        var fit = await Fitter().FitAsync(TestContext.Current.CancellationToken);

        Assert.NotNull(fit);
        Assert.True(fit.Pairs >= 40 && fit.Records > 0 && fit.LinksSeen >= 120);
        Assert.Equal(1, await hub.CountAsync(
            $"SELECT count(*) FROM match_model_fit WHERE fit_id = {fit.FitId} AND pairs = {fit.Pairs} AND records = {fit.Records} AND links_seen = {fit.LinksSeen}"));
        await using var connection = await hub.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var model = await hub.Server.Services.GetRequiredService<MatchModelProvider>().CurrentAsync(connection, null,
            TestContext.Current.CancellationToken);
        Assert.Equal(fit.Model.Weight(MatchField.Name, 0), model.Weight(MatchField.Name, 0), 12);
        // Every sampled tax record names its person exactly: the estimate must have learnt that a match agrees on the name.
        Assert.True(model.M[MatchField.Name][0] > MatchModel.Default().M[MatchField.Name][0]);
        Assert.Equal(MatchModel.Default().Weight(MatchField.Employer, 0), model.Weight(MatchField.Employer, 0), 12);
    }

    [Fact]
    public async Task FitIfDueAsync_NoGrowthSinceTheLastFit_DoesNotFitAgain()
    {
        await PopulateAsync(persons: 60);
        Assert.NotNull(await Fitter().FitIfDueAsync(TestContext.Current.CancellationToken));

        var again = await Fitter().FitIfDueAsync(TestContext.Current.CancellationToken);

        Assert.Null(again);
        Assert.Equal(1, await hub.CountAsync("SELECT count(*) FROM match_model_fit"));
    }

    private MatchModelFitter Fitter() => hub.Server.Services.GetRequiredService<MatchModelFitter>();

    /// <summary>Persons from public security, each with a tax record on the same number (namesakes share a birth year).</summary>
    private async Task PopulateAsync(int persons)
    {
        var batch = JsonNode.Parse(Households.Batch("fit-ps", "unused", TaxRecords.IdNumber(799), "孙丽", "1990-01-01"))!.AsObject();
        var households = new JsonArray();
        var tax = new List<string>();
        for (var i = 0; i < persons; i++)
        {
            var id = TaxRecords.IdNumber(800 + i);
            var name = Names[i % Names.Length];
            households.Add(JsonNode.Parse(Households.Batch("x", $"fit-hh-{i}", id, name, Households.BirthDate(id)))!["records"]![0]!.DeepClone());
            tax.Add(TaxRecords.Record($"fit-tax-{i}", id, name: name));
        }

        batch["records"] = households;
        await hub.PostJsonAsync("ps", "household-registration", batch.ToJsonString());
        await hub.PostJsonAsync("tax", "wage-withholding", TaxRecords.Json("fit-tax", [.. tax]));
        await hub.RunDeterministicLinkerAsync();
    }
}
