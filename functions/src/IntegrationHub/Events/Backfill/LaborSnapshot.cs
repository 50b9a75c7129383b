using IntegrationHub.Labor.Published;

namespace IntegrationHub.Events.Backfill;

/// <summary>The current labor facts of one kind for a backfill: Labor's <see cref="OpenFactEvents"/> as a snapshot source.</summary>
/// <remarks>Labor, below Events, cannot implement <see cref="ISnapshotSource"/>, so it publishes the read and this adapter
/// registers it (<see cref="EventsServiceCollectionExtensions"/>), one source per kind, so a subscription reads only the kinds its types cover. The
/// subscription's type patterns and content filter are applied by <see cref="SubscriptionBackfill"/> to the events' data,
/// as the live fan-out applies them.</remarks>
internal sealed class LaborSnapshot(OpenFactEvents facts, HubCalendar calendar) : ISnapshotSource
{
    public IReadOnlyList<string> EventTypes => facts.EventTypes;

    public IAsyncEnumerable<IReadOnlyList<EventDraft>> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        CancellationToken cancellationToken) => facts.ReadAsync(connection, transaction, calendar.Now, cancellationToken);
}
