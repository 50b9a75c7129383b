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

    /// <summary>u fixed from elsewhere (random pairs): EM must leave it alone and still recover m and the share.</summary>
    [Fact]
    public void Estimate_FixedU_KeepsUAndRecoversM()
    {
        var random = new Random(11);
        double[] nameM = [0.80, 0.06, 0.06, 0.04, 0.04], nameU = [0.002, 0.001, 0.01, 0.02, 0.967];
        double[] birthM = [0.92, 0.03, 0.03, 0.02], birthU = [0.001, 0.001, 0.003, 0.995];
        var pairs = new List<IReadOnlyDictionary<MatchField, int>>();
        for (var i = 0; i < 30_000; i++)
        {
            var match = random.NextDouble() < 0.1;
            pairs.Add(new Dictionary<MatchField, int>
            {
                [MatchField.Name] = Draw(random, match ? nameM : nameU),
                [MatchField.BirthDate] = Draw(random, match ? birthM : birthU),
            });
        }

        var start = MatchModel.Default();
        start.U[MatchField.Name] = nameU;
        start.U[MatchField.BirthDate] = birthU;

        var (model, share) = ExpectationMaximization.Estimate(pairs, start, fixedU: true);

        Assert.InRange(share, 0.09, 0.11);
        Assert.Equal(nameU, model.U[MatchField.Name]);
        Assert.InRange(model.M[MatchField.Name][0], 0.77, 0.83);
        Assert.InRange(model.M[MatchField.BirthDate][0], 0.89, 0.95);
        Assert.InRange(model.M[MatchField.BirthDate][1], 0.02, 0.04);
    }

    /// <summary>A level seen on a handful of pairs only stays near its prior when the prior counts as many pairs.</summary>
    [Fact]
    public void Estimate_PriorWeight_KeepsSparseLevelsNearThePrior()
    {
        var pairs = Enumerable.Range(0, 50).Select(i => (IReadOnlyDictionary<MatchField, int>)new Dictionary<MatchField, int>
        {
            [MatchField.Phone] = i % 2,
        }).ToList();
        var start = MatchModel.Default();

        var (free, _) = ExpectationMaximization.Estimate(pairs, start);
        var (anchored, _) = ExpectationMaximization.Estimate(pairs, start, priorWeight: 5_000);

        Assert.True(Math.Abs(anchored.U[MatchField.Phone][0] - start.U[MatchField.Phone][0])
                    < Math.Abs(free.U[MatchField.Phone][0] - start.U[MatchField.Phone][0]));
        Assert.InRange(anchored.M[MatchField.Phone][0], 0.75, 0.95);
    }

    /// <summary>Employer agreement is the only level of its field: EM cannot tell its m from its u, so both stay as given.</summary>
    [Fact]
    public void Estimate_SingleLevelField_KeepsItsProbabilities()
    {
        var pairs = Enumerable.Range(0, 100).Select(i => (IReadOnlyDictionary<MatchField, int>)new Dictionary<MatchField, int>
        {
            [MatchField.Name] = i % 5,
            [MatchField.Employer] = 0,
        }).ToList();

        var (model, _) = ExpectationMaximization.Estimate(pairs, MatchModel.Default(), priorWeight: 10);

        Assert.Equal(MatchModel.Default().Weight(MatchField.Employer, 0), model.Weight(MatchField.Employer, 0), 12);
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
