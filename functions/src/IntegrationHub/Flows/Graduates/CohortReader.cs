using IntegrationHub.Flows.Graduates.Rules;
using IntegrationHub.Labor.Graduates;

namespace IntegrationHub.Flows.Graduates;

/// <summary>Reads a cohort's graduates through Labor's public read API, a thousand at a time with their follow-up contacts.</summary>
internal sealed class CohortReader(GraduateFacts facts, GraduateFollowUps followUps, GraduateRules rules)
{
    private const int Batch = 1000;

    public async IAsyncEnumerable<CohortGraduate> ReadAsync(int cohort, Func<GraduateFact, bool> include,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var batch = new List<GraduateFact>(Batch);
        await foreach (var fact in facts.ReadCohortAsync(cohort, cancellationToken))
        {
            if (!include(fact))
            {
                continue;
            }

            batch.Add(fact);
            if (batch.Count == Batch)
            {
                foreach (var graduate in await CompleteAsync(batch, cancellationToken))
                {
                    yield return graduate;
                }

                batch.Clear();
            }
        }

        foreach (var graduate in await CompleteAsync(batch, cancellationToken))
        {
            yield return graduate;
        }
    }

    /// <summary>One page of the open graduates <paramref name="which"/> names, in person order (see
    /// <see cref="GraduateFacts.ReadOpenPageAsync"/>), with their follow-up contacts.</summary>
    public async Task<List<CohortGraduate>> ReadPageAsync(OpenGraduates which, GraduateKey? from, bool backwards, int limit,
        CancellationToken cancellationToken) =>
        await CompleteAsync([.. await facts.ReadOpenPageAsync(which, from, backwards, limit, cancellationToken)], cancellationToken);

    private async Task<List<CohortGraduate>> CompleteAsync(List<GraduateFact> batch, CancellationToken cancellationToken)
    {
        var needContacts = rules.District.Source == DistrictRule.ServingRegion
            ? batch.Select(f => f.PersonId)
            : batch.Where(f => f.InLedger).Select(f => f.PersonId);
        var contacts = await followUps.ReadAsync([.. needContacts.Distinct()], cancellationToken);
        return [.. batch.Select(f =>
        {
            var own = contacts.TryGetValue(f.PersonId, out var found) ? found : [];
            return new CohortGraduate(f, CohortGraduate.DistrictOf(f, own, rules.District), own);
        })];
    }
}
