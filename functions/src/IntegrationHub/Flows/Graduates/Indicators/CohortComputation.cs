using IntegrationHub.Flows.Graduates.Rules;

namespace IntegrationHub.Flows.Graduates.Indicators;

/// <summary>A figure computed over every graduate of a cohort under the flow's rules: the indicators, the ratings.</summary>
public abstract class CohortComputation
{
    private readonly CohortReader reader;

    private protected CohortComputation(CohortReader reader, GraduateRules rules)
    {
        this.reader = reader;
        Rules = rules;
    }

    private protected GraduateRules Rules { get; }

    /// <summary>Every graduate of the cohort, with what the rules make of each.</summary>
    private protected async Task<List<CohortGraduate>> ReadCohortAsync(int cohort, CancellationToken cancellationToken)
    {
        var all = new List<CohortGraduate>();
        await foreach (var graduate in reader.ReadAsync(cohort, _ => true, cancellationToken))
        {
            all.Add(graduate);
        }

        return all;
    }
}
