using IntegrationHub.Flows.Policy.Catalogue;
using IntegrationHub.Flows.Policy.Facts;
using IntegrationHub.Identity;

namespace IntegrationHub.Flows.Policy.Decisions;

/// <summary>
/// Keeps decisions current: reloads a changed catalogue, marks every subject of a policy whose version in effect changed,
/// then decides the subjects marked dirty and those due by the calendar, chunk by chunk, each chunk's decisions and events
/// in one transaction.
/// </summary>
public sealed class PolicyWorker(NpgsqlDataSource dataSource, PolicyCatalogueProvider catalogue, SubjectFactsLoader loader,
    HubCalendar calendar, TimeProvider time,
    IOptions<PolicyOptions> options)
{
    /// <summary>Works until nothing is left or <paramref name="budget"/> has passed; returns how many subjects it decided.</summary>
    public async Task<int> RunAsync(TimeSpan budget, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        await catalogue.ReloadIfChangedAsync(cancellationToken);
        await CatalogueSync.RunAsync(dataSource, catalogue.Current, calendar.Today, calendar.Now, cancellationToken);
        var total = 0;
        foreach (var due in new[] { false, true })
        {
            total += await ChunkedWork.RunAsync(() => RunChunkAsync(due, cancellationToken), () => time.GetElapsedTime(started) < budget);
        }

        return total;
    }

    public Task<int> RunUntilIdleAsync(CancellationToken cancellationToken) => RunAsync(TimeSpan.FromMinutes(30), cancellationToken);

    /// <summary>Decides one chunk; returns how many subjects it decided.</summary>
    public async Task<int> RunChunkAsync(bool due, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var now = calendar.Now;
        var today = calendar.Today;
        var claimed = await SubjectClaims.ClaimAsync(connection, transaction, due, now, options.Value.ChunkSize, cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }

        var subjects = claimed.Keys.ToList();
        var facts = await loader.LoadAsync(connection, transaction, subjects, today, cancellationToken);
        var stored = await DecisionStore.LoadAsync(connection, transaction, subjects, calendar.DateOf, cancellationToken);
        var upserts = new List<Decision>();
        var deletes = new List<(SubjectKey, string)>();
        var events = new List<EventDraft>();
        var policies = catalogue.Current;
        foreach (var subject in subjects.OrderBy(s => s.KindName, StringComparer.Ordinal).ThenBy(s => s.Id, StringComparer.Ordinal))
        {
            var previous = stored[subject];
            if (!facts.Facts.TryGetValue(subject, out var set))
            {
                // Merged away: its decisions end (announced when eligible); the survivor is decided on both.
                foreach (var decision in previous.Values)
                {
                    deletes.Add((subject, decision.PolicyId));
                    if (decision.Eligible && facts.MergedInto.TryGetValue(subject, out var survivor))
                    {
                        events.Add(DecisionEvents.Merged(decision, PersonId.Format(survivor), now, today));
                    }
                }

                continue;
            }

            foreach (var id in policies.Ids.Where(id => policies.Documents.First(d => d.Id == id).Subject == subject.Kind))
            {
                var before = previous.GetValueOrDefault(id);
                var decision = PolicyDecider.Decide(id, policies.InEffect(id, today), set, subject, before, today);
                if (before is not null && Same(decision, before))
                {
                    continue;
                }

                upserts.Add(decision);
                if (DecisionEvents.For(decision, before, set, now) is { } draft)
                {
                    events.Add(draft);
                }
            }
        }

        await DecisionStore.SaveAsync(connection, transaction, upserts, deletes, now, calendar.StartOf, cancellationToken);
        await EventOutbox.AppendAsync(connection, transaction, events, cancellationToken);
        await SubjectClaims.UnmarkAsync(connection, transaction, [.. claimed], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return claimed.Count;
    }

    /// <summary>The same decision as stored, but for the day it was made on: nothing to write.</summary>
    private static bool Same(Decision decision, Decision stored)
    {
        if (decision.Eligible != stored.Eligible || decision.Version != stored.Version || decision.ContentHash != stored.ContentHash
            || decision.MonthsGranted != stored.MonthsGranted || decision.CountedThrough != stored.CountedThrough
            || decision.ReevaluateOn != stored.ReevaluateOn)
        {
            return false;
        }

        var explanation = decision.Explanation.DeepClone().AsObject();
        explanation["decidedOn"] = stored.Explanation["decidedOn"]?.DeepClone();
        return JsonNode.DeepEquals(explanation, stored.Explanation);
    }
}
