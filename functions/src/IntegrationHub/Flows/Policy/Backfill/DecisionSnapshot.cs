using IntegrationHub.Events.Backfill;
using IntegrationHub.Flows.Policy.Decisions;
using IntegrationHub.Flows.Policy.Facts;

namespace IntegrationHub.Flows.Policy.Backfill;

/// <summary>The current state of the policy flow for a backfill: one <c>policy.eligible</c> snapshot event per subject and
/// policy it is eligible for now, with the data a live event would carry and <c>"snapshot": true</c>.</summary>
/// <remarks>Only eligible decisions: the live stream announces ineligibility only to someone who heard of eligibility, so
/// a subscriber starting from the snapshot knows everything it would know had it listened from the start. The regions a
/// content filter reads come from the subject's facts as the snapshot sees them.</remarks>
internal sealed class DecisionSnapshot(SubjectFactsLoader loader, HubCalendar calendar) : ISnapshotSource
{
    private const int Page = 1000;

    public IReadOnlyList<string> EventTypes { get; } = [Platform.Outbox.EventTypes.PolicyEligible];

    public async IAsyncEnumerable<IReadOnlyList<EventDraft>> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (today, now) = (calendar.Today, calendar.Now);
        var after = ("", "", "");
        while (true)
        {
            var decisions = await DecisionStore.EligiblePageAsync(connection, transaction, after, Page, calendar.DateOf, cancellationToken);
            if (decisions.Count == 0)
            {
                yield break;
            }

            var last = decisions[^1];
            after = (last.Subject.KindName, last.Subject.Id, last.PolicyId);
            var facts = await loader.LoadAsync(connection, transaction, [.. decisions.Select(d => d.Subject).Distinct()], today,
                cancellationToken);
            // A subject merged away or gone since it was decided has no facts: its decisions are about to go, not state.
            yield return [.. decisions.Where(d => facts.Facts.ContainsKey(d.Subject))
                .Select(d => DecisionEvents.For(d, null, facts.Facts[d.Subject], now, snapshot: true)!)];
        }
    }
}
