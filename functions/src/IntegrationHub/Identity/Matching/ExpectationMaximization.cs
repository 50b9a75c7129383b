namespace IntegrationHub.Identity.Matching;

/// <summary>
/// Estimates m, u and the share of true matches from unlabelled comparison vectors (EM under conditional independence,
/// fields missing on a pair simply do not contribute). Probabilities are kept inside [1e-6, 1 - 1e-6] so that one
/// sparse level cannot produce an infinite weight. With a prior weight the start model counts as that many pseudo-pairs
/// (a Dirichlet prior, so a level seen rarely stays near its prior); with fixed u only m and the share are estimated
/// (u then comes from random pairs, which blocked pairs cannot give: blocking makes agreement common among them).
/// </summary>
internal static class ExpectationMaximization
{
    private const double Floor = 1e-6;

    public static (MatchModel Model, double MatchShare) Estimate(IReadOnlyList<IReadOnlyDictionary<MatchField, int>> pairs, MatchModel start,
        int iterations = 50, double initialMatchShare = 0.1, double priorWeight = 0, bool fixedU = false)
    {
        var m = start.M.ToDictionary(p => p.Key, p => (double[])p.Value.Clone());
        var u = start.U.ToDictionary(p => p.Key, p => (double[])p.Value.Clone());
        var share = initialMatchShare;
        for (var iteration = 0; iteration < iterations && pairs.Count > 0; iteration++)
        {
            var mCounts = start.M.ToDictionary(p => p.Key, p => p.Value.Select(x => x * priorWeight).ToArray());
            var uCounts = start.U.ToDictionary(p => p.Key, p => p.Value.Select(x => x * priorWeight).ToArray());
            var matched = 0.0;
            foreach (var pair in pairs)
            {
                double pm = share, pu = 1 - share;
                foreach (var (field, level) in pair)
                {
                    pm *= m[field][level];
                    pu *= u[field][level];
                }

                var g = pm / (pm + pu);
                matched += g;
                foreach (var (field, level) in pair)
                {
                    mCounts[field][level] += g;
                    uCounts[field][level] += 1 - g;
                }
            }

            share = Math.Clamp(matched / pairs.Count, Floor, 1 - Floor);
            // A field with a single level (only agreement is scored) says nothing about its own probabilities.
            foreach (var field in m.Keys.Where(f => m[f].Length > 1))
            {
                Normalize(mCounts[field], m[field]);
                if (!fixedU)
                {
                    Normalize(uCounts[field], u[field]);
                }
            }
        }

        return (new MatchModel(m, u), share);
    }

    private static void Normalize(double[] counts, double[] into)
    {
        var total = counts.Sum();
        if (total <= 0)
        {
            return;
        }

        for (var i = 0; i < counts.Length; i++)
        {
            into[i] = Math.Clamp(counts[i] / total, Floor, 1 - Floor);
        }
    }
}
