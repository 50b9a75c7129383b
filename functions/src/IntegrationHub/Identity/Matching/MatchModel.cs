namespace IntegrationHub.Identity.Matching;

/// <summary>
/// Fellegi–Sunter: for each field and agreement level, m = P(level | same person) and u = P(level | different persons);
/// a pair's weight is the sum of log2(m/u) over the fields both sides have. The defaults are conservative priors; EM
/// re-estimates them from the candidate pairs, and configuration may override them.
/// </summary>
public sealed class MatchModel
{
    public static readonly IReadOnlyDictionary<MatchField, int> Levels = new Dictionary<MatchField, int>
    {
        [MatchField.Name] = 5,
        [MatchField.BirthDate] = 4,
        [MatchField.IdNumber] = 2,
        [MatchField.Gender] = 2,
        [MatchField.Region] = 3,
        [MatchField.Phone] = 2,
        [MatchField.Employer] = 1,
    };

    public MatchModel(Dictionary<MatchField, double[]> m, Dictionary<MatchField, double[]> u)
    {
        M = m;
        U = u;
    }

    public Dictionary<MatchField, double[]> M { get; }

    public Dictionary<MatchField, double[]> U { get; }

    public static MatchModel Default() => new(
        new Dictionary<MatchField, double[]>
        {
            [MatchField.Name] = [0.88, 0.03, 0.04, 0.03, 0.02],
            [MatchField.BirthDate] = [0.94, 0.02, 0.02, 0.02],
            [MatchField.IdNumber] = [0.95, 0.05],
            [MatchField.Gender] = [0.99, 0.01],
            [MatchField.Region] = [0.75, 0.12, 0.13],
            [MatchField.Phone] = [0.85, 0.15],
            [MatchField.Employer] = [0.6],
        },
        new Dictionary<MatchField, double[]>
        {
            [MatchField.Name] = [0.002, 0.0002, 0.003, 0.004, 0.9908],
            [MatchField.BirthDate] = [0.0002, 0.0001, 0.0004, 0.9993],
            [MatchField.IdNumber] = [0.000001, 0.999999],
            [MatchField.Gender] = [0.5, 0.5],
            [MatchField.Region] = [0.03, 0.1, 0.87],
            [MatchField.Phone] = [0.00001, 0.99999],
            [MatchField.Employer] = [0.0005],
        });

    /// <summary>This model with the configured probabilities in place of its own, field by field (m and u separately).</summary>
    public MatchModel WithOverrides(IReadOnlyDictionary<string, FieldProbabilities> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var m = M.ToDictionary(p => p.Key, p => (double[])p.Value.Clone());
        var u = U.ToDictionary(p => p.Key, p => (double[])p.Value.Clone());
        foreach (var (name, probabilities) in overrides)
        {
            if (!Enum.TryParse<MatchField>(name, ignoreCase: true, out var field))
            {
                throw new InvalidOperationException($"Identity:Matching:Overrides names an unknown field '{name}'.");
            }

            m[field] = Checked(field, "M", probabilities.M) ?? m[field];
            u[field] = Checked(field, "U", probabilities.U) ?? u[field];
        }

        return new MatchModel(m, u);
    }

    public double Weight(MatchField field, int level) => Math.Log2(M[field][level] / U[field][level]);

    public double Score(IReadOnlyDictionary<MatchField, int> comparison) => comparison.Sum(c => Weight(c.Key, c.Value));

    private static double[]? Checked(MatchField field, string side, double[]? values)
    {
        if (values is null)
        {
            return null;
        }

        if (values.Length != Levels[field] || values.Any(v => v is <= 0 or > 1))
        {
            throw new InvalidOperationException(
                $"Identity:Matching:Overrides:{field}:{side} needs {Levels[field]} probabilities in (0, 1], one per agreement level.");
        }

        return (double[])values.Clone();
    }
}
