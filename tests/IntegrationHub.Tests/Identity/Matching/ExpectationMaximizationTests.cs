using IntegrationHub.Identity.Matching;

namespace IntegrationHub.Tests.Identity.Matching;

public sealed class ExpectationMaximizationTests
{
    /// <summary>Pairs drawn from known m and u: EM, started from the defaults, must land near the truth.</summary>
    [Fact]
    public void Estimate_PairsFromKnownDistributions_RecoversMatchShareAndM()
    {
        var random = new Random(7);
        var pairs = new List<IReadOnlyDictionary<MatchField, int>>();
        for (var i = 0; i < 20_000; i++)
        {
            var match = random.NextDouble() < 0.2;
            pairs.Add(new Dictionary<MatchField, int>
            {
                [MatchField.Name] = Draw(random, match ? [0.85, 0.05, 0.05, 0.03, 0.02] : [0.01, 0.01, 0.03, 0.05, 0.90]),
                [MatchField.BirthDate] = Draw(random, match ? [0.90, 0.04, 0.03, 0.03] : [0.02, 0.01, 0.02, 0.95]),
                [MatchField.Gender] = Draw(random, match ? [0.98, 0.02] : [0.5, 0.5]),
            });
        }

        var (model, share) = ExpectationMaximization.Estimate(pairs, MatchModel.Default());

        Assert.InRange(share, 0.17, 0.23);
        Assert.InRange(model.M[MatchField.Name][0], 0.80, 0.90);
        Assert.InRange(model.U[MatchField.BirthDate][3], 0.92, 0.98);
        Assert.True(model.Weight(MatchField.Name, 0) > 0 && model.Weight(MatchField.Name, 4) < 0);
    }

    private static int Draw(Random random, double[] probabilities)
    {
        var x = random.NextDouble();
        for (var i = 0; i < probabilities.Length; i++)
        {
            x -= probabilities[i];
            if (x <= 0)
            {
                return i;
            }
        }

        return probabilities.Length - 1;
    }
}
